// The part of Okta's filter/search expression language List Users needs: `<attribute> <op>
// "<value>"` clauses (eq, sw, co; lt/gt on strings) joined by `and` / `or` (`and` binds
// tighter), with optional parentheses around a clause group. Anything else is E0000031.
import type { SimUser } from "./state";

type Clause = { attribute: string; op: "eq" | "sw" | "co" | "lt" | "gt"; value: string };
export type UserPredicate = (user: SimUser) => boolean;

const CLAUSE = /^\s*\(?\s*([\w.]+)\s+(eq|sw|co|lt|gt)\s+"((?:[^"\\]|\\.)*)"\s*\)?\s*$/i;

function attributeOf(user: SimUser, attribute: string): string | undefined {
  if (attribute === "id" || attribute === "status" || attribute === "created" || attribute === "lastUpdated") return user[attribute];
  if (attribute.startsWith("profile.")) {
    const value = (user.profile as Record<string, unknown>)[attribute.slice("profile.".length)];
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}

function test(user: SimUser, clause: Clause): boolean {
  const actual = attributeOf(user, clause.attribute);
  if (actual === undefined) return false;
  // Property values compare case-insensitively in search; filters are documented as
  // case-sensitive but statuses are upper case either way.
  const a = actual.toLowerCase();
  const v = clause.value.toLowerCase();
  switch (clause.op) {
    case "eq":
      return a === v;
    case "sw":
      return a.startsWith(v);
    case "co":
      return a.includes(v);
    case "lt":
      return a < v;
    case "gt":
      return a > v;
  }
}

/** A predicate for the expression, or the reason it is not one this simulator (and Okta) takes. */
export function parseUserExpression(expression: string, allowed: { attributes: (a: string) => boolean; ops: Clause["op"][] }): UserPredicate | string {
  const disjuncts = expression.split(/\s+or\s+/i).map((part) => part.split(/\s+and\s+/i));
  const parsed: Clause[][] = [];
  for (const conjunction of disjuncts) {
    const clauses: Clause[] = [];
    for (const text of conjunction) {
      const match = CLAUSE.exec(text);
      if (!match) return `Unsupported expression: ${text.trim()}`;
      const clause = { attribute: match[1], op: match[2].toLowerCase() as Clause["op"], value: match[3].replace(/\\(.)/g, "$1") };
      if (!allowed.attributes(clause.attribute)) return `Unsupported attribute: ${clause.attribute}`;
      if (!allowed.ops.includes(clause.op)) return `Unsupported operator: ${clause.op}`;
      clauses.push(clause);
    }
    parsed.push(clauses);
  }
  return (user) => parsed.some((clauses) => clauses.every((clause) => test(user, clause)));
}

/** List Users `filter`: status, lastUpdated, id, profile.login/email/firstName/lastName; eq only (gt/lt on lastUpdated). */
export const FILTER_RULES = {
  attributes: (a: string) => ["status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"].includes(a),
  ops: ["eq", "gt", "lt"] as Clause["op"][],
};

/** List Users `search`: any profile attribute and the top-level properties; sw, eq, co (lt/gt as the docs' `ne` workaround). */
export const SEARCH_RULES = {
  attributes: (a: string) => a.startsWith("profile.") || ["id", "status", "created", "lastUpdated"].includes(a),
  ops: ["eq", "sw", "co", "lt", "gt"] as Clause["op"][],
};
