// Fuzz specs of the access requests actions (see fuzz-specs.ts).
import type { FuzzSpec } from "./fuzz-specs";

export const requestFuzzSpecs: FuzzSpec[] = [];
