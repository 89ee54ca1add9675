package io.cachedjobs.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * What a simulated engine answers to a question about CRMs, before any wire format: an intro, three
 * to five recommended brands (the demo brand, Acme CRM, in three answers out of four, among
 * HubSpot, Salesforce, Pipedrive, Zoho CRM and Freshsales), each with the page it cites, and a
 * closing line; the pages it cites, then one or two it only consulted. In English, French, German or
 * Spanish, as the question asks (other languages get English). The same {@link Random} gives the
 * same answer.
 *
 * @param intro the first paragraph
 * @param items the recommendations, in the answer's order
 * @param outro the last paragraph
 * @param pages the pages cited (in order of first citation), then those only consulted
 * @param searchQuery the web search the engine "ran" for it
 */
record SimulatedAnswer(String intro, List<Item> items, String outro, List<Page> pages, String searchQuery) {

    /** The demo brand the local run's project tracks. */
    static final String BRAND = "Acme CRM";

    /** The competitors an answer may recommend beside it. */
    static final List<String> COMPETITORS = List.of("HubSpot", "Salesforce", "Pipedrive", "Zoho CRM", "Freshsales");

    /**
     * A page an answer rests on.
     *
     * @param date its publication date, {@code yyyy-MM-dd}
     */
    record Page(String url, String title, String source, String snippet, String date) {

        String domain() {
            String host = url.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            return host.startsWith("www.") ? host.substring(4) : host;
        }
    }

    /**
     * One recommendation.
     *
     * @param brand the brand it names
     * @param text what it says of it (no trailing full stop)
     * @param page the index in {@code pages} of the page it cites
     */
    record Item(String brand, String text, int page) {}

    private static final Map<String, Page> BRAND_PAGES = Map.of(
            BRAND,
            new Page(
                    "https://acme.example/",
                    "Acme CRM – the CRM for small businesses",
                    "Acme CRM",
                    "Pipelines, email sync and reports, set up in an afternoon.",
                    "2026-09-12"),
            "HubSpot",
            new Page(
                    "https://www.hubspot.com/products/crm",
                    "Free CRM Software | HubSpot",
                    "HubSpot",
                    "HubSpot's free CRM includes contact management, deals and email tracking.",
                    "2026-10-02"),
            "Salesforce",
            new Page(
                    "https://www.salesforce.com/small-business/",
                    "Small Business CRM | Salesforce",
                    "Salesforce",
                    "Starter Suite brings sales, service and marketing together for small teams.",
                    "2026-08-20"),
            "Pipedrive",
            new Page(
                    "https://www.pipedrive.com/en/pricing",
                    "Pricing | Pipedrive",
                    "Pipedrive",
                    "Plans from $14 per seat a month, billed annually.",
                    "2026-07-01"),
            "Zoho CRM",
            new Page(
                    "https://www.zoho.com/crm/",
                    "Zoho CRM | Top-rated Sales CRM Software",
                    "Zoho",
                    "Zoho CRM helps small businesses sell smarter, with plans for every budget.",
                    "2026-06-15"),
            "Freshsales",
            new Page(
                    "https://www.freshworks.com/crm/sales/",
                    "Freshsales CRM | Freshworks",
                    "Freshworks",
                    "AI-powered lead scoring, built-in phone and email, and a free plan.",
                    "2026-05-28"));

    private static final List<Page> REVIEW_PAGES = List.of(
            new Page(
                    "https://www.g2.com/categories/crm",
                    "Best CRM Software: User Reviews from 2026",
                    "G2",
                    "Compare the top CRMs by user ratings, ease of use and support.",
                    "2026-10-20"),
            new Page(
                    "https://www.capterra.com/customer-relationship-management-software/",
                    "Best CRM Software 2026 | Capterra",
                    "Capterra",
                    "Find the CRM that fits your small business, with verified reviews.",
                    "2026-09-30"),
            new Page(
                    "https://www.forbes.com/advisor/business/software/best-crm-small-business/",
                    "Best CRM For Small Business Of 2026 – Forbes Advisor",
                    "Forbes",
                    "Our picks for small teams, from free plans to full suites.",
                    "2026-08-11"),
            new Page(
                    "https://www.techradar.com/best/best-crm-software",
                    "Best CRM software of 2026 | TechRadar",
                    "TechRadar",
                    "We tested the leading CRMs on features, pricing and ease of use.",
                    "2026-10-07"),
            new Page(
                    "https://www.reddit.com/r/smallbusiness/comments/1c8crm/which_crm_do_you_use/",
                    "Which CRM do you use? : r/smallbusiness",
                    "Reddit",
                    "We moved from spreadsheets to a proper CRM last year; here is what we tried.",
                    "2026-04-03"),
            new Page(
                    "https://www.pcmag.com/picks/the-best-crm-software",
                    "The Best CRM Software for 2026 | PCMag",
                    "PCMag",
                    "Editors' choices for sales teams of every size.",
                    "2026-09-05"));

    /** An answer's words in one language. */
    private record Words(List<String> intros, List<String> outros, Map<String, List<String>> features) {}

    private static final Map<String, Words> WORDS = Map.of(
            "en",
            new Words(
                    List.of(
                            "For a small business, these CRMs come up most often:",
                            "Here are the CRMs most often recommended, depending on your team and budget:",
                            "Several CRMs fit well; the ones reviewers and users mention most are:"),
                    List.of(
                            "If you want one place to start, {1} is the safest pick.",
                            "Most small teams shortlist {1} first, then compare it with {2}.",
                            "In short: start with {1}, and look at {2} as your needs grow."),
                    Map.of(
                            BRAND,
                            List.of(
                                    "a simple CRM built for small businesses, with a pipeline view and email sync out of the box",
                                    "quick to set up, with fair per-user pricing and a free trial"),
                            "HubSpot",
                            List.of(
                                    "a generous free plan with contacts, deals and email tracking; paid tiers add automation",
                                    "the easiest start for teams that also do marketing"),
                            "Salesforce",
                            List.of(
                                    "the most complete platform, with Starter Suite as its small-business edition",
                                    "powerful and customisable, but more to learn and more to pay as you grow"),
                            "Pipedrive",
                            List.of(
                                    "a visual sales pipeline that small sales teams like",
                                    "deal-focused, from about $14 per user a month"),
                            "Zoho CRM",
                            List.of(
                                    "good value, especially if you already use other Zoho apps",
                                    "low-cost plans and a wide app ecosystem"),
                            "Freshsales",
                            List.of(
                                    "AI lead scoring and a built-in phone at a low price",
                                    "a clean interface with a free plan for small teams"))),
            "fr",
            new Words(
                    List.of(
                            "Pour une PME, voici les CRM les plus souvent recommandés :",
                            "Plusieurs CRM conviennent ; ceux que citent le plus les comparatifs et les utilisateurs sont :",
                            "Selon la taille de votre équipe et votre budget, voici les options les plus citées :"),
                    List.of(
                            "Pour démarrer simplement, {1} est le choix le plus sûr.",
                            "La plupart des petites équipes comparent d'abord {1} et {2}.",
                            "En résumé : commencez par {1}, et regardez {2} si vos besoins évoluent."),
                    Map.of(
                            BRAND,
                            List.of(
                                    "un CRM simple pensé pour les petites entreprises, avec pipeline et synchronisation des e-mails",
                                    "rapide à mettre en place, avec un tarif par utilisateur raisonnable et un essai gratuit"),
                            "HubSpot",
                            List.of(
                                    "une offre gratuite complète (contacts, affaires, suivi des e-mails), l'automatisation dans les offres payantes",
                                    "le plus simple pour démarrer si vous faites aussi du marketing"),
                            "Salesforce",
                            List.of(
                                    "la plateforme la plus complète, avec Starter Suite pour les petites entreprises",
                                    "puissant et personnalisable, mais plus long à prendre en main et plus cher"),
                            "Pipedrive",
                            List.of(
                                    "un pipeline commercial visuel apprécié des petites équipes de vente",
                                    "centré sur les affaires, à partir d'environ 14 € par utilisateur et par mois"),
                            "Zoho CRM",
                            List.of(
                                    "un excellent rapport qualité-prix, surtout si vous utilisez déjà Zoho",
                                    "des offres peu chères et un large écosystème d'applications"),
                            "Freshsales",
                            List.of(
                                    "le scoring des prospects par IA et la téléphonie intégrée à petit prix",
                                    "une interface claire avec une offre gratuite pour les petites équipes"))),
            "de",
            new Words(
                    List.of(
                            "Für kleine Unternehmen werden diese CRMs am häufigsten empfohlen:",
                            "Mehrere CRMs passen gut; am häufigsten genannt werden:",
                            "Je nach Teamgröße und Budget kommen vor allem diese Lösungen infrage:"),
                    List.of(
                            "Wer einfach starten will, ist mit {1} am besten beraten.",
                            "Die meisten kleinen Teams vergleichen zuerst {1} und {2}.",
                            "Kurz gesagt: mit {1} beginnen und {2} prüfen, wenn die Anforderungen wachsen."),
                    Map.of(
                            BRAND,
                            List.of(
                                    "ein schlankes CRM für kleine Unternehmen mit Pipeline-Ansicht und E-Mail-Synchronisierung",
                                    "schnell eingerichtet, mit fairen Preisen pro Nutzer und kostenloser Testphase"),
                            "HubSpot",
                            List.of(
                                    "ein großzügiger kostenloser Tarif mit Kontakten, Deals und E-Mail-Tracking",
                                    "der einfachste Einstieg für Teams, die auch Marketing machen"),
                            "Salesforce",
                            List.of(
                                    "die umfassendste Plattform, mit der Starter Suite für kleine Unternehmen",
                                    "leistungsstark und anpassbar, aber aufwendiger und teurer"),
                            "Pipedrive",
                            List.of(
                                    "eine visuelle Vertriebspipeline, die kleine Vertriebsteams schätzen",
                                    "dealorientiert, ab etwa 14 € pro Nutzer und Monat"),
                            "Zoho CRM",
                            List.of(
                                    "ein gutes Preis-Leistungs-Verhältnis, besonders mit anderen Zoho-Apps",
                                    "günstige Tarife und ein großes App-Ökosystem"),
                            "Freshsales",
                            List.of(
                                    "KI-gestützte Lead-Bewertung und integrierte Telefonie zum kleinen Preis",
                                    "eine übersichtliche Oberfläche mit kostenlosem Tarif für kleine Teams"))),
            "es",
            new Words(
                    List.of(
                            "Para una pequeña empresa, estos son los CRM más recomendados:",
                            "Varios CRM encajan bien; los más citados por reseñas y usuarios son:",
                            "Según el tamaño de tu equipo y tu presupuesto, estas son las opciones más mencionadas:"),
                    List.of(
                            "Si quieres empezar fácil, {1} es la opción más segura.",
                            "La mayoría de los equipos pequeños comparan primero {1} y {2}.",
                            "En resumen: empieza con {1} y mira {2} si tus necesidades crecen."),
                    Map.of(
                            BRAND,
                            List.of(
                                    "un CRM sencillo pensado para pequeñas empresas, con pipeline y sincronización de correo",
                                    "rápido de configurar, con precios por usuario razonables y prueba gratuita"),
                            "HubSpot",
                            List.of(
                                    "un plan gratuito completo con contactos, negocios y seguimiento de correos",
                                    "el inicio más fácil para equipos que también hacen marketing"),
                            "Salesforce",
                            List.of(
                                    "la plataforma más completa, con Starter Suite para pequeñas empresas",
                                    "potente y personalizable, pero más difícil de aprender y más cara"),
                            "Pipedrive",
                            List.of(
                                    "un pipeline de ventas visual que gusta a los equipos comerciales pequeños",
                                    "centrado en las oportunidades, desde unos 14 € por usuario al mes"),
                            "Zoho CRM",
                            List.of(
                                    "muy buena relación calidad-precio, sobre todo si ya usas Zoho",
                                    "planes económicos y un amplio ecosistema de aplicaciones"),
                            "Freshsales",
                            List.of(
                                    "puntuación de leads con IA y telefonía integrada a bajo precio",
                                    "una interfaz clara con plan gratuito para equipos pequeños"))));

    /**
     * An answer to {@code query}, in {@code language} (a code such as {@code fr} or {@code zh-cn}:
     * its first two letters pick the words), drawn from {@code random}.
     */
    static SimulatedAnswer of(Random random, String query, String language) {
        Words words = WORDS.getOrDefault(
                language.length() >= 2 ? language.substring(0, 2).toLowerCase(Locale.ROOT) : "en", WORDS.get("en"));
        List<String> brands = new ArrayList<>(COMPETITORS);
        Collections.shuffle(brands, random);
        boolean mentionsBrand = random.nextInt(4) > 0;
        int names = 3 + random.nextInt(3);
        brands = new ArrayList<>(brands.subList(0, mentionsBrand ? names - 1 : names));
        if (mentionsBrand) {
            brands.add(random.nextInt(brands.size() + 1), BRAND);
        }

        Map<String, Page> pages = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (String brand : brands) {
            Page page = random.nextBoolean()
                    ? BRAND_PAGES.get(brand)
                    : REVIEW_PAGES.get(random.nextInt(REVIEW_PAGES.size()));
            pages.putIfAbsent(page.url(), page);
            List<String> features = words.features().get(brand);
            items.add(new Item(
                    brand,
                    features.get(random.nextInt(features.size())),
                    new ArrayList<>(pages.keySet()).indexOf(page.url())));
        }
        // At most five pages are cited, of six review pages: one at least is left to be only consulted
        List<Page> others = new ArrayList<>(REVIEW_PAGES);
        Collections.shuffle(others, random);
        int consulted = 1 + random.nextInt(2);
        for (Page page : others) {
            if (consulted > 0 && pages.putIfAbsent(page.url(), page) == null) {
                consulted--;
            }
        }
        String outro = words.outros()
                .get(random.nextInt(words.outros().size()))
                .replace("{1}", brands.get(0))
                .replace("{2}", brands.get(1));
        String search = query.replaceAll("[\\s?？!.。]+$", "").strip().toLowerCase(Locale.ROOT) + " 2026";
        return new SimulatedAnswer(
                words.intros().get(random.nextInt(words.intros().size())),
                items,
                outro,
                List.copyOf(pages.values()),
                search);
    }

    /**
     * The answer as Markdown: the intro, the items as a numbered list ({@code 1. **HubSpot**: …}, each
     * followed by what {@code citation} gives for its index, e.g. a link or a {@code [1]} marker), the
     * outro; paragraphs separated by a blank line.
     */
    String markdown(IntFunction<String> citation) {
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        for (int i = 0; i < items.size(); i++) {
            text.append(line(i)).append(citation.apply(i)).append(".\n");
        }
        return text.append('\n').append(outro).toString();
    }

    /** Item {@code i} as a list line, without citation or full stop. */
    String line(int i) {
        Item item = items.get(i);
        return (i + 1) + ". **" + item.brand() + "**: " + item.text();
    }

    /** The pages some item cites, in {@code pages}' order. */
    List<Page> cited() {
        int last = items.stream().mapToInt(Item::page).max().orElse(-1);
        return pages.subList(0, last + 1);
    }
}
