/**
 * Inputs about users. Messages are keys of the "validation" messages
 * (lib/i18n/messages/*.json): the action translates them for the user.
 */
import { z } from "zod";
import { ROLES } from "@/db/schema";
import { trimmedText } from "./text";

const id = z.coerce.number().int().positive();
export const passwordField = z.string().min(8, "passwordTooShort").max(200, "passwordTooLong");

export const createUserSchema = z
  .object({
    username: trimmedText()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, "usernameFormat"),
    fullName: trimmedText().min(2, "fullNameRequired").max(120, "tooLong"),
    role: z.enum(ROLES, "roleRequired"),
    unitId: id.catch(0).refine((v) => v > 0, "unitRequired"),
    bodyId: z.preprocess((v) => (v === "" || v == null ? null : v), id.nullable()).catch(null),
    password: passwordField,
  })
  .refine((v) => v.role !== "organizer" || v.bodyId !== null, { path: ["bodyId"], message: "bodyRequired" });
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** The admin resets to a generated one-time password (lib/users/one-time-password.ts): nothing to type. */
export const resetPasswordSchema = z.object({ userId: id });

export const setDisabledSchema = z.object({ userId: id, disabled: z.enum(["0", "1"]).transform((v) => v === "1") });

export const unlockSignInSchema = z.object({ userId: id });

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "currentPasswordRequired").max(200, "passwordTooLong"),
    newPassword: passwordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "passwordsDiffer" });
