import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Loopback address blocks. Each emulator instance claims one /24 in every range (pods in
 * 127.1.B.0/24, Services in 127.2.B.0/24, Gateways in 127.3.B.0/24) through a lock file, so
 * emulators running in parallel test workers never hand out the same address.
 */
const LOCK_DIR = path.join(os.tmpdir(), 'kube-emulator-address-blocks');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function claimAddressBlock(): { block: number; lockFile: string; release(): void } {
  fs.mkdirSync(LOCK_DIR, { recursive: true });
  const start = Math.floor(Math.random() * 256);
  for (let offset = 0; offset < 256; offset++) {
    const block = (start + offset) % 256;
    const lockFile = path.join(LOCK_DIR, String(block));
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    } catch {
      const owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (owner === process.pid || processAlive(owner)) continue;
      fs.rmSync(lockFile, { force: true });
      try {
        fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      } catch {
        continue;
      }
    }
    return { block, lockFile, release: () => fs.rmSync(lockFile, { force: true }) };
  }
  throw new Error('no free loopback address block: 256 emulators are running');
}

/** Hands out host addresses 1–254 of one /24, reusing released ones last. */
export class AddressPool {
  private readonly inUse = new Set<string>();
  private next = 1;

  constructor(private readonly prefix: string) {}

  allocate(): string {
    for (let attempt = 0; attempt < 254; attempt++) {
      const address = `${this.prefix}.${this.next}`;
      this.next = (this.next % 254) + 1;
      if (!this.inUse.has(address)) {
        this.inUse.add(address);
        return address;
      }
    }
    throw new Error(`address pool ${this.prefix}.0/24 is exhausted`);
  }

  reserve(address: string): void {
    this.inUse.add(address);
  }

  release(address: string): void {
    this.inUse.delete(address);
  }
}
