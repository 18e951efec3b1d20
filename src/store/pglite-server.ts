import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Serves one PGlite session to many Postgres wire-protocol connections.
 *
 * PGlite is a single session. Connections take turns in whole units: a simple Query, or an
 * extended-protocol batch up to its Sync (Parse/Bind/Execute of two clients must never
 * interleave: they share the unnamed statement). While a unit leaves a transaction open, only
 * its connection is served until the transaction ends. Notifications (LISTEN/NOTIFY) are passed
 * to the connections that listen, whoever ran the statement that raised them.
 *
 * This replaces @electric-sql/pglite-socket's server, whose queue interleaves single messages
 * of concurrent extended-protocol batches (electric-sql/pglite issue #1046).
 */

const sslRequestCode = 80877103;
const gssEncRequestCode = 80877104;
const cancelRequestCode = 80877102;
/** Message types after which the client waits for the server: the end of a unit. */
const unitEnds = new Set(['S', 'Q', 'H']);
const listenStatement = /\bLISTEN\s+"?([A-Za-z_][\w$]*)"?/gi;
const unlistenStatement = /\bUNLISTEN\s+(\*|"?[A-Za-z_][\w$]*"?)/gi;

interface Connection {
  id: number;
  socket: net.Socket;
  buffer: Buffer;
  started: boolean;
  batch: Buffer[];
  listening: Set<string>;
  closed: boolean;
}

interface Unit {
  connection: Connection;
  messages: Buffer[];
}

export class PGliteWireServer {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly connections = new Set<Connection>();
  private readonly units: Unit[] = [];
  private owner: Connection | undefined;
  private running = false;
  private nextId = 1;

  constructor(private readonly db: PGlite) {}

  async listen(host = '127.0.0.1', port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the embedded database server has no port');
    return address.port;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private accept(socket: net.Socket): void {
    const connection: Connection = {
      id: this.nextId++,
      socket,
      buffer: Buffer.alloc(0),
      started: false,
      batch: [],
      listening: new Set(),
      closed: false,
    };
    this.connections.add(connection);
    socket.setNoDelay(true);
    socket.on('data', (data) => this.receive(connection, data));
    socket.on('error', () => this.drop(connection));
    socket.on('close', () => this.drop(connection));
  }

  private receive(connection: Connection, data: Buffer): void {
    connection.buffer = Buffer.concat([connection.buffer, data]);
    for (;;) {
      if (!connection.started) {
        if (connection.buffer.length < 8) return;
        const length = connection.buffer.readInt32BE(0);
        if (connection.buffer.length < length) return;
        const code = connection.buffer.readInt32BE(4);
        const packet = connection.buffer.subarray(0, length);
        connection.buffer = connection.buffer.subarray(length);
        if (code === sslRequestCode || code === gssEncRequestCode) {
          connection.socket.write('N');
          continue;
        }
        if (code === cancelRequestCode) {
          connection.socket.end();
          return;
        }
        connection.started = true;
        this.enqueue({ connection, messages: [Buffer.from(packet)] });
        continue;
      }
      if (connection.buffer.length < 5) return;
      const length = 1 + connection.buffer.readInt32BE(1);
      if (connection.buffer.length < length) return;
      const message = Buffer.from(connection.buffer.subarray(0, length));
      connection.buffer = connection.buffer.subarray(length);
      const type = String.fromCharCode(message[0] ?? 0);
      if (type === 'X') {
        connection.socket.end();
        this.drop(connection);
        return;
      }
      if (type === 'Q') this.noteListening(connection, message.subarray(5).toString('utf8'));
      connection.batch.push(message);
      if (unitEnds.has(type)) {
        this.enqueue({ connection, messages: connection.batch });
        connection.batch = [];
      }
    }
  }

  private noteListening(connection: Connection, sql: string): void {
    for (const match of sql.matchAll(listenStatement)) if (match[1]) connection.listening.add(match[1]);
    for (const match of sql.matchAll(unlistenStatement)) {
      const channel = match[1]?.replaceAll('"', '');
      if (channel === '*') connection.listening.clear();
      else if (channel) connection.listening.delete(channel);
    }
  }

  private enqueue(unit: Unit): void {
    this.units.push(unit);
    void this.run();
  }

  private drop(connection: Connection): void {
    if (connection.closed) return;
    connection.closed = true;
    this.connections.delete(connection);
    for (let i = this.units.length - 1; i >= 0; i -= 1) {
      if (this.units[i]?.connection === connection) this.units.splice(i, 1);
    }
    if (this.owner === connection) {
      this.owner = undefined;
      // The client went away inside a transaction: end it, as a real server would.
      void this.db
        .exec('ROLLBACK')
        .catch(() => undefined)
        .finally(() => void this.run());
    }
  }

  private takeNext(): Unit | undefined {
    const index = this.owner ? this.units.findIndex((unit) => unit.connection === this.owner) : 0;
    if (index < 0) return undefined;
    return this.units.splice(index, 1)[0];
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let unit = this.takeNext(); unit; unit = this.takeNext()) {
        await this.execute(unit);
        this.owner = this.db.isInTransaction() && !unit.connection.closed ? unit.connection : undefined;
        if (unit.connection.closed && this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
      }
    } finally {
      this.running = false;
    }
  }

  private async execute(unit: Unit): Promise<void> {
    const output = new OutputSplitter((message) => this.route(unit.connection, message));
    await this.db.runExclusive(async () => {
      for (const message of unit.messages) {
        await this.db.execProtocolRawStream(new Uint8Array(message), { onRawData: (chunk) => output.push(chunk) });
      }
    });
  }

  private route(executing: Connection, message: Buffer): void {
    if (message[0] !== 'A'.charCodeAt(0)) {
      if (!executing.closed) executing.socket.write(message);
      return;
    }
    const channelEnd = message.indexOf(0, 9);
    const channel = message.subarray(9, channelEnd).toString('utf8');
    for (const connection of this.connections) {
      if (connection.listening.has(channel) && !connection.closed) connection.socket.write(message);
    }
  }
}

/** Cuts the server's output stream into whole protocol messages. */
class OutputSplitter {
  private pending = Buffer.alloc(0);

  constructor(private readonly onMessage: (message: Buffer) => void) {}

  push(chunk: Uint8Array): void {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 5) {
      const length = 1 + this.pending.readInt32BE(1);
      if (this.pending.length < length) return;
      this.onMessage(Buffer.from(this.pending.subarray(0, length)));
      this.pending = this.pending.subarray(length);
    }
  }
}
