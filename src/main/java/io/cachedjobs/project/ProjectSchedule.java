package io.cachedjobs.project;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recurrence as the runner sees it: which project is due, and moving its schedule on. The
 * project's row stays this feature's; what a run makes (jobs) is not its business. Every method
 * works in its caller's transaction, which holds the project's lock from the claim to the commit.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class ProjectSchedule {

    private final ProjectRepository projects;

    ProjectSchedule(ProjectRepository projects) {
        this.projects = projects;
    }

    /**
     * Locks the project whose {@code nextRunAt} is the earliest at or before {@code now}, skipping
     * any another transaction holds (another instance's run, a PATCH).
     *
     * @return the run it is due for, or empty when none is due
     */
    public Optional<DueRun> claimNextDue(Instant now) {
        return projects.lockNextDue(now)
                .map(project -> new DueRun(project.getId(), project.organisationId(), project.nextRunAt()));
    }

    /**
     * Claims {@code run} again in a new transaction, after the one that claimed it first rolled back:
     * empty when its next run has moved since, or another transaction holds it.
     */
    public Optional<DueRun> claimAgain(DueRun run) {
        return projects.lockIfDueAt(run.projectId(), run.scheduledFor()).map(project -> run);
    }

    /**
     * Moves a claimed project's next run to the first strictly after {@code now}; with {@code ran},
     * its {@code lastRunAt} becomes the run's scheduled time. A project that was deleted meanwhile
     * (it cannot be: the claim holds its lock) is left alone.
     */
    public void advance(DueRun run, Instant now, boolean ran) {
        projects.findById(run.projectId()).ifPresent(project -> project.advance(run.scheduledFor(), now, ran));
    }

    /**
     * Gives up to {@code limit} projects that have an active recurrence but no next run (made before
     * next runs were stored) their next run after {@code now}.
     *
     * @return how many were given one
     */
    @Transactional
    public int scheduleUnscheduled(Instant now, int limit) {
        List<Project> unscheduled = projects.lockUnscheduled(limit);
        unscheduled.forEach(project -> project.reschedule(now));
        return unscheduled.size();
    }
}
