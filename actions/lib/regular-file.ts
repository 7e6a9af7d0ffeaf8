import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

export type RegularFileRead = { status: 'read'; content: Buffer } | { status: 'not-a-file' } | { status: 'too-large'; size: number };

/**
 * A file's bytes when it is a regular file of at most `maxBytes`, both checked on the open
 * handle before anything is read: a FIFO, a device such as /dev/zero or a file swapped since it
 * was listed neither blocks nor fills memory. Errors of the open itself (ENOENT, EACCES) are thrown.
 * Synchronous: a scan reads tens of thousands of small files, where blocking calls beat the
 * thread-pool round trips of asynchronous ones, and nothing else runs meanwhile.
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { status: 'not-a-file' };
    if (stats.size > maxBytes) return { status: 'too-large', size: stats.size };
    return { status: 'read', content: readFileSync(descriptor) };
  } finally {
    closeSync(descriptor);
  }
}
