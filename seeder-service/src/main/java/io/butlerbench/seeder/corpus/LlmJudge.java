package io.butlerbench.seeder.corpus;

import io.butlerbench.contracts.corpus.CorpusFields;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonProperty;

/**
 * The judge result a digest or review report carries, as the reference judge would have written it.
 *
 * @param scores metric key to score (0.0-1.0), in the judged metrics' order
 */
@RegisterForReflection
public record LlmJudge(
    @BsonProperty(CorpusFields.LlmJudge.JUDGE_MODEL) String judgeModel,
    @BsonProperty(CorpusFields.LlmJudge.PROMPT_VERSION) String promptVersion,
    @BsonProperty(CorpusFields.LlmJudge.SCORES) Map<String, Double> scores,
    @BsonProperty(CorpusFields.LlmJudge.VERDICT) String verdict,
    @BsonProperty(CorpusFields.LlmJudge.NOTES) String notes) {}
