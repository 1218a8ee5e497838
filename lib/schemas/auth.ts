import { z } from "zod";
import { trimmedText } from "./text";

export const signInSchema = z.object({
  username: trimmedText().min(1).max(64),
  password: z.string().min(1).max(200),
});
