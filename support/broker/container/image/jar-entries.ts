import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_END_RECORD_SEARCH = 22 + 0xffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/**
 * The names of the entries in a jar (a zip file), read from its central directory, e.g.
 * `org/apache/kafka/tools/TopicCommand.class`. Enough zip for Kafka's jars: no zip64, which
 * only files over 4 GiB or with over 65,535 entries need.
 */
export function jarEntryNames(jar: string): string[] {
  const fd = openSync(jar, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailStart = Math.max(0, size - MAX_END_RECORD_SEARCH);
    const tail = readAt(fd, tailStart, size - tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new Error(`${jar} is not a zip file (no end of central directory)`);
    const entryCount = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (entryCount === 0xffff || directoryOffset === 0xffffffff)
      throw new Error(`${jar} is a zip64 file, which this reader does not handle`);

    const directory = readAt(fd, directoryOffset, directorySize);
    const names: string[] = [];
    let at = 0;
    for (let n = 0; n < entryCount; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) {
        throw new Error(`${jar}: central directory entry ${n} is damaged`);
      }
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    closeSync(fd);
  }
}

/** `org.apache.kafka.tools.TopicCommand` -> `org/apache/kafka/tools/TopicCommand.class` */
export function classEntryName(className: string): string {
  return `${className.replaceAll('.', '/')}.class`;
}

/** The entries of every jar in libsDir whose file name passes `include`, in one set. */
export function libsEntryNames(libsDir: string, include: (jarName: string) => boolean = () => true): Set<string> {
  const entries = new Set<string>();
  for (const jar of readdirSync(libsDir).filter((name) => name.endsWith('.jar') && include(name))) {
    for (const entry of jarEntryNames(join(libsDir, jar))) entries.add(entry);
  }
  return entries;
}
