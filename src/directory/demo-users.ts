import type { Jurisdiction, Role } from '../platform/access';
import { readSeedFile } from './seed-files';

export interface DemoUser {
  username: string;
  party: string;
  role: Role;
  displayName: string;
  jurisdiction: Jurisdiction;
}

/** The demo accounts of every node, from the seed file. */
export const DEMO_USERS: readonly DemoUser[] = readSeedFile<DemoUser>('users.json', 'users');

/** The demo password rule: `<username>-demo-2026` (so `admin` / `admin-demo-2026`). */
export function demoPassword(username: string): string {
  return `${username}-demo-2026`;
}
