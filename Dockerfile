# syntax=docker/dockerfile:1
# Build with the project's own Maven wrapper, then run the jar on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true \
    && cp target/cached-jobs-*.jar app.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app app
WORKDIR /app
COPY --from=build /workspace/app.jar app.jar
USER app
# The API, and the actuator's own port (health, liveness, readiness, metrics)
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
