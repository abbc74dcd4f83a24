// One zod schema per form, shared by the browser (zodResolver) and the server action.
import { z } from "zod";

export const roles = ["SUPER_ADMIN", "CONNECTOR_ADMIN", "USER"] as const;
export type RoleName = (typeof roles)[number];

export const roleLabels: Record<RoleName, string> = {
  SUPER_ADMIN: "Super Administrator",
  CONNECTOR_ADMIN: "Connector Administrator",
  USER: "User",
};

const email = z.string().trim().toLowerCase().min(1, "Enter an email address.").email("Enter a valid email address.").max(254);
const name = z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters.");
export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(200, "Keep the password under 200 characters.");

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password."),
});

export const setupSchema = z
  .object({ name, email, password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export const addUserSchema = z.object({ name, email, role: z.enum(roles) });

export const changeRoleSchema = z.object({ userId: z.string().min(1), role: z.enum(roles) });

export const setUserDisabledSchema = z.object({ userId: z.string().min(1), disabled: z.boolean() });

export const setPasswordSchema = z
  .object({ token: z.string().min(10), password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export type SetupInput = z.infer<typeof setupSchema>;
export type AddUserInput = z.infer<typeof addUserSchema>;
