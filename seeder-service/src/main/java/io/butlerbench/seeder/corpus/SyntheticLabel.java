package io.butlerbench.seeder.corpus;

import io.butlerbench.contracts.corpus.CorpusFields.Synthetic;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonProperty;

/**
 * How a document was generated and which defects it carries.
 *
 * @param injectedDefects the defects' wire labels ({@link io.butlerbench.contracts.Defect#label()})
 */
@RegisterForReflection
public record SyntheticLabel(
    @BsonProperty(Synthetic.GENERATOR) String generator,
    @BsonProperty(Synthetic.SEED) long seed,
    @BsonProperty(Synthetic.INJECTED_DEFECTS) List<String> injectedDefects) {}
