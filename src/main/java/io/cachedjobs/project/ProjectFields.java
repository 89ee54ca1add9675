package io.cachedjobs.project;

/** Descriptions of the project fields, written once for the create, update and answer schemas. */
final class ProjectFields {

    /** Far more than there are keys (duplicates count once), small enough to refuse abuse. */
    static final int MAX_PROVIDERS = 100;

    static final String RECURRENCE = "When the project's queries run again: `manual` (never by itself), `daily` "
            + "(every day at 00:00), `weekly` (Mondays at 00:00), `biweekly` (every other Monday at 00:00, counted "
            + "from the Monday of the week the project was created), `monthly` (the 1st at 00:00), or a CRON "
            + "expression of 5 fields (`minute hour day-of-month month day-of-week`) or 6 (seconds first), all in "
            + "`recurrenceTimezone`. Default `manual`.";
    static final String TIME_ZONE =
            "IANA time zone id the recurrence is read in, e.g. `Europe/Brussels`. Default `UTC`.";
    static final String STATUS = "`paused` keeps the recurrence without running it. Default `active`.";
    static final String LLM_PROVIDERS = "Provider keys the project's cached jobs ask by default (see GET "
            + "/api/ai-providers); a key given twice counts once. Default `openai`, `anthropic`, "
            + "`google-generative-ai`.";
    static final String EXECUTION_COUNT = "Runs of each cached job by default: a JSON integer from 1 to "
            + "cachedjobs.jobs.max-execution-count (default 100). Default 3.";
    static final String NEXT_RUN_AT = "When the recurrence triggers the project next, in UTC: set to the first run "
            + "strictly after the change when the recurrence, its time zone or status changes, and to the first "
            + "strictly after the run when it runs (runs missed while the service was down make one run). At or "
            + "before now while a due run waits for the runner. Null when the recurrence is `manual` or `paused`.";
    static final String LAST_RUN_AT = "The scheduled time of the last run the recurrence made (its jobs are those "
            + "triggered then), in UTC; null until it first runs.";

    private ProjectFields() {}
}
