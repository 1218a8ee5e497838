"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

export function SignOutButtonClient({ label }: { label: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className="button subtle"
      onClick={async () => {
        await signOut({ redirect: false });
        router.replace("/login");
        router.refresh();
      }}
    >
      {label}
    </button>
  );
}
