// Fuzz specs of the access reviews actions (see fuzz-specs.ts).
import type { FuzzSpec } from "./fuzz-specs";

export const reviewFuzzSpecs: FuzzSpec[] = [];
