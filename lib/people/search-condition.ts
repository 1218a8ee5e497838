import { like, or } from "drizzle-orm";
import { people } from "@/db/schema";

/** A folded query ("nguyen van an") matches the folded name; four digits or more also match the phone. */
export function personSearchCondition(folded: string) {
  const digits = folded.replace(/\D/g, "");
  return or(like(people.searchName, `%${folded}%`), digits.length >= 4 ? like(people.phone, `%${digits}%`) : undefined);
}
