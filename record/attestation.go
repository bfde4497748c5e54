package record

// The journal's lines of the attestation (pasapas mediateur attestation):
// the structure's name set once in the space, and each attestation made.
// They sit apart from the other kinds so that each feature keeps its own
// lines.
const (
	ActStructure   ActionKind = "structure"   // the structure's name set (the name is in the settings, not the line)
	ActAttestation ActionKind = "attestation" // an attestation made for Learner; Value 1: consent given by the learner's code
)
