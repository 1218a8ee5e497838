"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

interface Props {
  items: { href: string; label: string }[];
  label: string;
  menuLabel: string;
  children: React.ReactNode;
}

/** The main navigation: a row on wide screens, a menu button on phones. */
export function NavLinksClient({ items, label, menuLabel, children }: Props) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const matches = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  // The most specific entry is the current one: on /admin/audit, "Nhật ký" and not "Quản trị".
  const current = items.filter((item) => matches(item.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const isActive = (href: string) => href === current;

  return (
    <>
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen((v) => !v)}>
        <span aria-hidden="true">☰</span> {menuLabel}
      </button>
      <div id="main-nav" className={`nav-area${open ? " open" : ""}`}>
        <nav aria-label={label}>
          <ul className="nav-list">
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={isActive(item.href) ? "page" : undefined} onClick={() => setOpen(false)}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="nav-tools">{children}</div>
      </div>
    </>
  );
}
