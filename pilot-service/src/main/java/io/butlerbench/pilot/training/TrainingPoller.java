package io.butlerbench.pilot.training;

import io.butlerbench.pilot.workflow.PilotService;
import io.butlerbench.pilot.workflow.PilotState;
import io.butlerbench.pilot.workflow.PilotStore;
import io.butlerbench.service.logging.WorkLog;
import java.io.IOException;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Polls the fine-tuning jobs of every pilot in TRAINING with the OpenAI-compatible provider. The
 * job lives in MongoDB, not in memory, so a restarted service picks polling up where it stopped: a
 * succeeded job registers its model (TRAINED), a failed or cancelled one fails the pilot with the
 * provider's reason.
 */
public class TrainingPoller {
  private static final Logger LOG = Logger.getLogger(TrainingPoller.class);
  public static final String ACTOR = "fine-tuning-provider";

  private final PilotStore store;
  private final PilotService pilots;
  private final OpenAiFineTuning provider;

  public TrainingPoller(PilotStore store, PilotService pilots, OpenAiFineTuning provider) {
    this.store = store;
    this.pilots = pilots;
    this.provider = provider;
  }

  /** One round over the pilots in training; returns how many moved on. */
  public int pollOnce() {
    int moved = 0;
    for (Document pilot : store.inState(PilotState.TRAINING)) {
      Document job = pilot.get("job", Document.class);
      if (job == null || !"openai".equals(job.getString("provider"))) {
        continue;
      }
      String id = pilot.getString("_id");
      Object previous = WorkLog.enter(WorkLog.PILOT_ID, id);
      try {
        FineTuningJob status = provider.job(job.getString("job_id"));
        if (status.succeeded()) {
          pilots.registerTrainedModel(id, status.fineTunedModel(), ACTOR);
          moved++;
        } else if (status.failed()) {
          pilots.fail(
              id,
              ACTOR,
              "fine-tuning job "
                  + status.id()
                  + " "
                  + status.status()
                  + ": "
                  + (status.reason() == null ? "no reason given" : status.reason()));
          moved++;
        }
      } catch (IOException e) {
        LOG.warnf("could not poll fine-tuning job of %s (will retry): %s", id, e.getMessage());
      } finally {
        WorkLog.leave(WorkLog.PILOT_ID, previous);
      }
    }
    return moved;
  }
}
