import type { Role } from "@/db/schema";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    role: Role;
    unitId: number;
    bodyId: number | null;
    sessionVersion: number;
  }
  interface Session {
    user: {
      id: number;
      name?: string | null;
      role: Role;
      unitId: number;
      bodyId: number | null;
      sessionVersion: number;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: Role;
    unitId: number;
    bodyId: number | null;
    sv: number;
  }
}
