// The access requests actions and routes, with who may call them (see action-registry.ts).
import type { ActionEntry, RouteEntry } from "./registry-support";

export const requestActions: ActionEntry[] = [];
export const requestRoutes: RouteEntry[] = [];
