package io.butlerbench.seeder.corpus;

import io.butlerbench.contracts.corpus.CorpusFields;
import io.butlerbench.contracts.corpus.CorpusFields.Digest;
import io.butlerbench.contracts.corpus.CorpusFields.DigestFeatureFlags;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

/**
 * A channel digest as stored in {@code digests}: its source posts, the summary written from them
 * and the judge result. The id is the digest id (channel, day, window, slot), stored as {@code _id}
 * and as {@code digest_id}; components are in the order the exporter's records have always seen.
 */
@MongoEntity(collection = CorpusFields.DIGESTS)
@RegisterForReflection
public record StoredDigest(
    @BsonId String id,
    @BsonProperty(Digest.DIGEST_ID) String digestId,
    @BsonProperty(Digest.CHANNEL) String channel,
    @BsonProperty(Digest.LANGUAGE) String language,
    @BsonProperty(Digest.CREATED_AT) Instant createdAt,
    @BsonProperty(Digest.TIME_RANGE_HOURS) int timeRangeHours,
    @BsonProperty(Digest.POSTS) List<Post> posts,
    @BsonProperty(Digest.SUMMARY_MARKDOWN) String summaryMarkdown,
    @BsonProperty(Digest.FEATURE_FLAGS) FeatureFlags featureFlags,
    @BsonProperty(Digest.LATENCY_SECONDS) double latencySeconds,
    @BsonProperty(Digest.LLM_MODEL) String llmModel,
    @BsonProperty(Digest.QUALITY) Quality quality,
    @BsonProperty(Digest.SYNTHETIC) SyntheticLabel synthetic) {

  /** A source post of the channel inside the digest's window. */
  @RegisterForReflection
  public record Post(
      @BsonProperty(CorpusFields.Post.MESSAGE_ID) long messageId,
      @BsonProperty(CorpusFields.Post.POSTED_AT) Instant postedAt,
      @BsonProperty(CorpusFields.Post.TITLE) String title,
      @BsonProperty(CorpusFields.Post.TEXT) String text,
      @BsonProperty(CorpusFields.Post.VIEWS) int views) {}

  /** The summarizer's feature flags when it wrote the digest. */
  @RegisterForReflection
  public record FeatureFlags(
      @BsonProperty(DigestFeatureFlags.USE_NEW_SUMMARIZATION) boolean useNewSummarization,
      @BsonProperty(DigestFeatureFlags.ENABLE_QUALITY_EVALUATION) boolean enableQualityEvaluation,
      @BsonProperty(DigestFeatureFlags.ENABLE_ASYNC_LONG_SUMMARIZATION)
          boolean enableAsyncLongSummarization) {}

  /** The quality section: the judge's result. */
  @RegisterForReflection
  public record Quality(@BsonProperty(CorpusFields.Quality.LLM_JUDGE) LlmJudge llmJudge) {}
}
