"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { DoorDevice, type DoorState } from "@/lib/checkin/device/door-device";

const noSubscription = () => () => {};

/**
 * The door device for this site, made in an effect (browser only) and followed with
 * useSyncExternalStore. When a newer version of the app takes the device's storage over (another
 * tab), this page reloads to run it; the queue is in IndexedDB and survives the reload.
 */
export function useDoorDevice(siteId: number, messages: ConstructorParameters<typeof DoorDevice>[1], scannerName: string) {
  const [device, setDevice] = useState<DoorDevice | null>(null);
  const messagesRef = useRef(messages);
  const nameRef = useRef(scannerName);
  useEffect(() => {
    const door = new DoorDevice(siteId, messagesRef.current, { scannerName: nameRef.current });
    setDevice(door);
    // A store that cannot open (a newer app's database on this device) is said by the status strip (state.store).
    void door.start().catch(() => undefined);
    return () => door.stop();
  }, [siteId]);
  const state = useSyncExternalStore<DoorState | null>(
    device?.subscribe ?? noSubscription,
    () => device?.getSnapshot() ?? null,
    () => null,
  );
  const replaced = state?.store === "replaced";
  useEffect(() => {
    if (replaced) location.reload();
  }, [replaced]);
  return { device, state };
}
