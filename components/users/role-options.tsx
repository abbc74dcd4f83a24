import { roleLabels, roles } from "@/lib/validation/users";

/** The three roles as <option>s, in rank order, for every role <select>. */
export function RoleOptions() {
  return roles.map((role) => (
    <option key={role} value={role}>
      {roleLabels[role]}
    </option>
  ));
}
