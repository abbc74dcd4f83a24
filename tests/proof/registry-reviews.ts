// The access reviews actions and routes, with who may call them (see action-registry.ts).
import type { ActionEntry, RouteEntry } from "./registry-support";

export const reviewActions: ActionEntry[] = [];
export const reviewRoutes: RouteEntry[] = [];
