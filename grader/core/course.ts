/**
 * The course manifest: the one place that declares the parts, the exercises, their order,
 * titles, hints and points. Adding an exercise = one entry here + its stub, solution and
 * hidden-test files (see `layout.ts`); `workbook verify` checks that the two agree.
 */
import { closest, distance } from "fastest-levenshtein";

/** Folder name of one part of the five-part series; also the lesson's file name. */
type PartId = "01-networking" | "02-connectivity" | "03-storage" | "04-scaling" | "05-operations";

/** One part of the series: a lesson and the exercises that practise it. */
export interface Part {
  /** Folder name under `lessons/`, `exercises/`, `solutions/` and `grader/tests/`. */
  readonly id: PartId;
  /** 1-based position in the series; `workbook lesson 2` means part number 2. */
  readonly number: number;
  /** Title shown in lists, the terminal and the browser. */
  readonly title: string;
}

/**
 * Resource limits for grading one exercise file; each run happens in a separate process. Time
 * limits count the grading process's CPU time (where the OS reports it: Linux), so a busy
 * machine never stops correct code; code that waits for something that never happens is
 * stopped once idle for IDLE_WINDOW_MS, and a wall clock WALL_BACKSTOP times as long as each
 * limit is the last resort.
 */
export interface Limits {
  /** CPU-time limit for the whole exercise (loading plus every test), in milliseconds. */
  readonly timeMs: number;
  /** CPU-time limit for one test, in milliseconds. */
  readonly testMs: number;
  /** CPU-time limit for loading the exercise file and its tests, in milliseconds (catches loops at import). */
  readonly loadMs: number;
  /** Limit for compiling the exercise file and what it imports, in milliseconds. */
  readonly compileMs: number;
/** V8 heap limit of the grading process, in MiB (`--max-old-space-size`). */
  readonly heapMb: number;
  /** Resident-set limit of the grading process, in MiB (catches Buffers the heap flag misses). */
  readonly rssMb: number;
}

/** One exercise: a stub the learner completes, a reference solution and hidden tests. */
export interface Exercise {
  /** Stable kebab-case id used on the command line and in reports (`lru-cache`). */
  readonly id: string;
  /** The part whose folder holds its files and whose lesson teaches it. */
  readonly part: PartId;
  /** Human title shown in lists and in watch mode. */
  readonly title: string;
  /** A nudge shown by `workbook hint ID`: the idea, not the answer. */
  readonly hint: string;
  /** Points for the exercise, split evenly over its hidden tests when grading. */
  readonly points: number;
  /** Overrides of the default limits for exercises whose tests do more work. */
  readonly limits?: Partial<Limits>;
  /** When Gradescope shows this exercise's test results to learners; "visible" when absent. */
  readonly visibility?: Visibility;
}

/** Gradescope's visibility settings, so an instructor can hold tests back until the deadline or until grades are published. */
export type Visibility = "visible" | "hidden" | "after_due_date" | "after_published";

/** Limits that apply unless an exercise overrides them. */
export const DEFAULT_LIMITS: Limits = { timeMs: 15_000, testMs: 5_000, loadMs: 1_000, compileMs: 10_000, heapMb: 256, rssMb: 768 };

/** The five parts, in series order. */
export const PARTS: readonly Part[] = [
  { id: "01-networking", number: 1, title: "Networking: how machines talk" },
  { id: "02-connectivity", number: 2, title: "Connectivity: caches, balancers and limits" },
  { id: "03-storage", number: 3, title: "Storage: keeping data safe and fast" },
  { id: "04-scaling", number: 4, title: "Scaling: beyond one server" },
  { id: "05-operations", number: 5, title: "Operations: running systems in production" },
];

/** Every exercise in the order a learner meets them (grouped by part, parts in order). */
export const EXERCISES: readonly Exercise[] = [
  {
    id: "ip-address",
    part: "01-networking",
    title: "IP address parsing and classification",
    hint:
      "Parse first, classify second: turn the text into bytes (4 for IPv4, 16 for IPv6, " +
      "expanding \"::\" exactly once), rejecting anything malformed. Then every class and every " +
      "CIDR test is a comparison of the first N bits, so write one prefix-match helper and use " +
      "it everywhere.",
    points: 10,
  },
  {
    id: "internet-checksum",
    part: "01-networking",
    title: "Internet checksum (RFC 1071)",
    hint:
      "Read the data as 16-bit big-endian words (an odd last byte is the high byte of a word " +
      "whose low byte is 0) and fold the carry back in after every addition: sum = (sum & " +
      "0xffff) + (sum >>> 16), so the sum never outgrows the 32 bits that & and >>> work on. The " +
      "checksum is ~sum & 0xffff; data with its checksum in place sums to 0xffff.",
    points: 10,
  },
  {
    id: "segmentation",
    part: "01-networking",
    title: "Segmentation, encapsulation and reassembly",
    hint:
      "The MSS is what is left of the MTU after the IP and TCP headers. Cut the payload into " +
      "MSS-sized pieces that each remember their byte offset. To reassemble, place every byte by " +
      "offset (duplicates and overlaps must agree), then report the gaps as merged [start, end) " +
      "ranges.",
    points: 10,
  },
  {
    id: "tcp-handshake",
    part: "01-networking",
    title: "TCP connection state machine",
    hint:
      "Write the table first: for each state, which events are legal, the next state and the " +
      "segments to send. Match a received segment by its exact set of true flags (SYN alone is " +
      "not SYN+ACK), remember whether the connection was opened passively (a RST in " +
      "SYN-RECEIVED returns there), and throw InvalidTransitionError before changing anything.",
    points: 10,
  },
  {
    id: "lru-cache",
    part: "02-connectivity",
    title: "LRU cache",
    hint:
      "A JavaScript Map remembers insertion order, so deleting a key and setting it again moves " +
      "it to the end: the end is the most recently used, the first key the least. `get` must " +
      "refresh recency, `has` must not. Evict only when a new key makes size exceed capacity.",
    points: 10,
  },
  {
    id: "eviction-policies",
    part: "02-connectivity",
    title: "FIFO and LFU eviction policies",
    hint:
      "FIFO ignores reads: only insertion order matters. LFU needs, per key, a use count and a " +
      "recency; evict the smallest count, and among equal counts the least recently used. Keep " +
      "the same interface as your LRU cache so the policies are interchangeable.",
    points: 10,
  },
  {
    id: "round-robin",
    part: "02-connectivity",
    title: "Round-robin load balancer",
    hint:
      "Remember the index of the server you returned last, not a counter of calls: the next one " +
      "is the first healthy server after that index, wrapping around. For the weighted version, " +
      "keep a current weight per entry: add every weight, pick the largest (first on ties), " +
      "subtract the total from the winner.",
    points: 10,
  },
  {
    id: "consistent-hashing",
    part: "02-connectivity",
    title: "Consistent hashing ring",
    hint:
      "Keep the ring as a sorted array of (position, node). To find a key's owner, binary-search " +
      "the first position strictly greater than hash(key) and wrap to index 0 past the end. " +
      "`createHash('md5')` from node:crypto gives the digest; `readUInt32BE(0)` reads 4 bytes.",
    points: 10,
  },
  {
    id: "rendezvous-hashing",
    part: "02-connectivity",
    title: "Rendezvous (highest random weight) hashing",
    hint:
      "For each key, score every node with hash(node, key) and pick the highest score; ties go " +
      "by the rule in the stub. Removing a node only moves the keys it won, because every other " +
      "node's score is unchanged.",
    points: 10,
  },
  {
    id: "token-bucket",
    part: "02-connectivity",
    title: "Token bucket rate limiter",
    hint:
      "Store the token count and the clock reading of the last refill. Before every operation, " +
      "add (now - last) / 1000 * rate tokens, cap at capacity and move `last` to now; if the " +
      "clock went backwards, add nothing but still move `last`. Never take tokens on a refusal.",
    points: 10,
  },
  {
    id: "tiered-rate-limiter",
    part: "02-connectivity",
    title: "Tiered rate limiter",
    hint:
      "Keep, per key, the times of accepted requests. A request is allowed only if every window " +
      "(t - W, t] still has room; check all windows before recording anything, so a rejected " +
      "request never counts. For retryAfter, a full window gets room when its oldest request " +
      "leaves it: take the latest of those times over all full windows.",
    points: 10,
  },
  {
    id: "availability",
    part: "02-connectivity",
    title: "Availability and the nines",
    hint:
      "Nines and availability are inverse logarithms: a = 1 - 10^(-nines), nines = -log10(1 - a); " +
      "downtime is (1 - a) times the period in seconds, with a 365-day year. In series multiply " +
      "the availabilities; in parallel multiply the unavailabilities and subtract from 1. 'At " +
      "least k of n' adds the binomial terms C(n,i)·a^i·(1-a)^(n-i) for i = k…n.",
    points: 10,
  },
  {
    id: "retry-backoff",
    part: "02-connectivity",
    title: "Retry with exponential backoff and jitter",
    hint:
      "Write the loop with the attempt number a: try operation(a) inside try/catch (await it " +
      "there, or a rejection escapes). On an error: give up if isRetryable refuses it or a is " +
      "the last attempt; else wait = floor(random() * min(cap, base * 2 ** (a - 1))), and give " +
      "up if clock() + wait passes start + deadlineMs; otherwise await sleep(wait). Always " +
      "rethrow the error itself.",
    points: 10,
  },
  {
    id: "circuit-breaker",
    part: "02-connectivity",
    title: "Circuit breaker",
    hint:
      "Keep the state, the count of consecutive failures, when it opened and the trials taken. " +
      "Start every method with one check: open and clock() - openedAt >= resetTimeoutMs means " +
      "half-open with 0 trials. Then each method is a small switch on the state; results that " +
      "arrive while open are ignored, and opening always resets the failure count.",
    points: 10,
  },
  {
    id: "log-kv-store",
    part: "03-storage",
    title: "Append-only log key-value store",
    hint:
      "Every put, and every delete of a present key, appends one record framed with its lengths " +
      "and a checksum; an in-memory Map holds key → offset of the latest record, so get is one " +
      "lookup plus one read. Recovery replays from offset 0 and truncates at the first record " +
      "that is cut short or fails its checksum. Compaction writes one record per live key and " +
      "swaps it in with a single replace.",
    points: 10,
  },
  {
    id: "write-ahead-log",
    part: "03-storage",
    title: "Write-ahead log with transactions",
    hint:
      "Log first, apply second: a transaction's writes count only once its commit record is in " +
      "the log. Replay applies the writes of committed transactions, in log order, and ignores " +
      "everything else. A restart must also drop a torn last line and never reuse a transaction " +
      "id already in the log, or a new COMMIT would commit an old transaction's writes.",
    points: 10,
  },
  {
    id: "sorted-index",
    part: "03-storage",
    title: "Sorted index with range scans",
    hint:
      "Reads go to the memtable first, then the runs from newest to oldest, and the first entry " +
      "found decides: a tombstone means absent, so stop there. Keep each run a sorted array and " +
      "binary-search it (lower bound) for get and for the start of a range. Compaction keeps the " +
      "newest entry per key and drops tombstones only when the oldest run is part of the merge.",
    points: 10,
  },
  {
    id: "bloom-filter",
    part: "03-storage",
    title: "Bloom filter",
    hint:
      "Get the hashes right first: FNV over the UTF-8 bytes with Math.imul(h, prime) >>> 0, " +
      "then fmix32. Position i is (h1 + i * h2) % m with plain numbers (never >>> 0 the sum: " +
      "it must not wrap at 2^32). Store the bits eight to a byte in ceil(m / 8) bytes and count " +
      "a bit only when it flips from 0 to 1; mightContain needs every one of the k bits.",
    points: 10,
  },
  {
    id: "shard-router",
    part: "04-scaling",
    title: "Shard router: hash and range partitioning",
    hint:
      "For range partitioning keep the split points sorted and binary-search the first range " +
      "whose upper bound is above the key. Splitting a hot range inserts one split point and " +
      "changes the owner of only the keys on one side of it.",
    points: 10,
  },
  {
    id: "vector-clock",
    part: "04-scaling",
    title: "Vector clocks",
    hint:
      "Treat a missing node as 0 and compare over the union of both clocks' nodes: note whether a " +
      "is bigger somewhere and whether b is bigger somewhere; those two booleans give all four " +
      "answers. Merge takes the per-node maximum and increments nothing. In the register, drop a " +
      "write if a stored version is after or equal to it; otherwise remove only the versions before it.",
    points: 10,
  },
  {
    id: "quorum-replication",
    part: "04-scaling",
    title: "Quorum replication (N, R, W)",
    hint:
      "A write stops after the first W up replicas in the client's order have acknowledged it; a " +
      "read asks the first R up ones and keeps the answer with the highest version. When " +
      "R + W > N the two sets must share a replica, so a read sees the latest successful write. " +
      "Read repair sends that newest value back to the asked replicas that answered with " +
      "something older or nothing.",
    points: 10,
  },
  {
    id: "work-queue",
    part: "04-scaling",
    title: "Work queue: visibility timeouts, acks and dead letters",
    hint:
      "Keep every live message in one list in send order, with its delivery count and, while in " +
      "flight, its current receipt and the time it becomes visible again. Start every method by " +
      "reading the clock once and settling: a delivery whose time is up (visibleAt <= now) loses " +
      "its receipt, and if it was the last allowed one the message moves to the dead letters. " +
      "Then receive is the first message without a receipt, and ack matches the current receipt only.",
    points: 10,
  },
  {
    id: "lamport-clock",
    part: "04-scaling",
    title: "Lamport clocks and a total order of events",
    hint:
      "One counter per process. tick and send both add 1 and stamp the event with the new value; " +
      "receive jumps to max(counter, message time) and then adds 1, so the receive is later than " +
      "the send. Validate before changing anything. To compare, subtract times first; only on a " +
      "tie compare the process ids with < (not localeCompare). Sort a copy: [...events].sort(…).",
    points: 10,
  },
  {
    id: "leader-election",
    part: "04-scaling",
    title: "Leader election in Raft",
    hint:
      "Start every handler with the term rule: a newer term in any message means adopt it, become " +
      "a follower and forget vote and leader. Then: grant a vote only for the current term and only " +
      "if votedFor is null or already that candidate; count granted replies of the current term in " +
      "a Set of peer ids (your own vote included) and lead when 2 × votes > cluster size; accept " +
      "heartbeats whose term is not older.",
    points: 10,
  },
  {
    id: "cpu-scheduler",
    part: "05-operations",
    title: "CPU scheduler simulator",
    hint:
      "Simulate time step by step or event by event: keep the arrived-but-unfinished jobs, pick " +
      "one by the policy's key (then arrival, then input position), and append to the timeline, " +
      "merging with the previous slice when the id is the same. For round robin, admit arrivals " +
      "up to the end of a quantum before re-queueing the job that just ran.",
    points: 10,
  },
  {
    id: "async-mutex",
    part: "05-operations",
    title: "Async mutex and semaphore",
    hint:
      "Each waiter is a promise whose resolve function sits in a FIFO queue. Releasing hands " +
      "the lock straight to the first waiter instead of unlocking, so nobody can jump the " +
      "queue; a semaphore is the same with a count of permits.",
    points: 10,
  },
  {
    id: "deadlock-detector",
    part: "05-operations",
    title: "Deadlock detection and the banker's algorithm",
    hint:
      "A deadlock is a cycle in the wait-for graph: depth-first search with three colours " +
      "(unvisited, on the current path, finished) finds one, and only an edge back to a process " +
      "still on the current path closes a cycle. For the banker's algorithm, repeatedly take the " +
      "lowest-index unfinished process whose need fits in Work, add back its allocation and " +
      "rescan from P0; the state is safe if every process finishes.",
    points: 10,
  },
  {
    id: "pod-scheduler",
    part: "05-operations",
    title: "Pod scheduler: filter and score",
    hint:
      "Parse quantities exactly: split the digits at the decimal point and work with whole " +
      "numbers (BigInt helps), never parseFloat: 1.005 × 1000 is not 1005 in floating point. " +
      "Reduce every node to numbers (allocatable, and the sum of its pods' requests), filter " +
      "with requested + request ≤ allocatable, score by the free fraction after placement, " +
      "then choose among ties by name.",
    points: 10,
  },
  {
    id: "latency-histogram",
    part: "05-operations",
    title: "Log-bucketed latency histogram",
    hint:
      "A Map from bucket index to count is all the storage you need, plus count, min and max. " +
      "For percentile(q), compute the rank r = max(1, ceil(q * n / 100)), walk the bucket " +
      "indices in increasing order (sort them: a Map keeps insertion order) until the running " +
      "total reaches r, and clamp that bucket's 2 * gamma ** i / (gamma + 1) to [min, max].",
    points: 10,
  },
  {
    id: "mlfq-scheduler",
    part: "05-operations",
    title: "Multi-level feedback queue (MLFQ) scheduler",
    hint:
      "Keep one FIFO array per level and, per job, its level, the CPU time used at that level and " +
      "the work left. Jump from instant to instant (next arrival, end of the running slice, next " +
      "boost) and at each apply the four steps in the stub's order: arrivals, end or cut of the " +
      "running slice, boost, dispatch. A cut job goes to the FRONT of its queue; a job whose slice " +
      "ended goes to the back, one level lower if it used its allotment.",
    points: 10,
  },
];

/** Thrown when an exercise id is not in the manifest; carries the closest known id. */
export class UnknownExerciseError extends Error {
  /** The id that was asked for. */
  readonly id: string;
  /** The manifest id closest to it, when one is close enough to suggest. */
  readonly suggestion: string | undefined;

  constructor(id: string, suggestion: string | undefined) {
    super(`unknown exercise "${id}"` + (suggestion ? ` (did you mean "${suggestion}"?)` : ""));
    this.name = "UnknownExerciseError";
    this.id = id;
    this.suggestion = suggestion;
  }
}

/** The exercises of one part, in course order. */
export function exercisesOf(part: PartId): Exercise[] {
  return EXERCISES.filter((exercise) => exercise.part === part);
}

/**
 * The manifest entry for `id`, or for its number in course order ("5", as `list` and watch mode
 * number them); throws UnknownExerciseError (with a suggestion) otherwise.
 */
export function findExercise(id: string): Exercise {
  const exercise = /^\d+$/.test(id) ? EXERCISES[Number(id) - 1] : EXERCISES.find((candidate) => candidate.id === id);
  if (exercise) return exercise;
  throw new UnknownExerciseError(id, closestMatch(id, EXERCISES.map((candidate) => candidate.id)));
}

/** The part with this folder name, its name without the number, or its 1-based number ("2", "02", "02-connectivity", "connectivity"). */
export function findPart(nameOrNumber: string): Part | undefined {
  const asNumber = Number(nameOrNumber);
  return PARTS.find((part) => part.id === nameOrNumber || part.id.replace(/^\d+-/, "") === nameOrNumber || (Number.isInteger(asNumber) && part.number === asNumber));
}

/** The part record of an exercise. */
export function partOf(exercise: Exercise): Part {
  const part = PARTS.find((candidate) => candidate.id === exercise.part);
  if (!part) throw new Error(`exercise ${exercise.id} names unknown part ${exercise.part}`);
  return part;
}

/** The effective limits for an exercise: its overrides on top of the defaults. */
export function limitsOf(exercise: Exercise): Limits {
  return { ...DEFAULT_LIMITS, ...exercise.limits };
}

/**
 * How many times a CPU-time limit the wall clock may run before a process is stopped anyway:
 * only a last resort, since waiting code is caught sooner as idle (IDLE_WINDOW_MS).
 */
export const WALL_BACKSTOP = 10;

/**
 * A run that used almost no CPU time (under IDLE_CPU_MS) for this long is waiting for
 * something that never happens. A process that computes, even starved by a busy machine,
 * gets far more CPU than that in this time.
 */
export const IDLE_WINDOW_MS = 2_000;
/** CPU time below which a window counts as idle: /proc counts in 10 ms ticks, and an idle Node process uses a few. */
export const IDLE_CPU_MS = 50;

/**
 * WORKBOOK_TIME_LIMIT (seconds) sets the per-exercise limit and scales the loading, per-test and
 * compile limits in proportion: slower machines, or quicker failures in the project's tests.
 */
export function limitOverridesFromEnvironment(): Partial<Limits> {
  const seconds = Number(process.env.WORKBOOK_TIME_LIMIT);
  if (!Number.isFinite(seconds) || seconds <= 0) return {};
  const scale = (seconds * 1000) / DEFAULT_LIMITS.timeMs;
  return { timeMs: seconds * 1000, testMs: DEFAULT_LIMITS.testMs * scale, loadMs: DEFAULT_LIMITS.loadMs * scale, compileMs: DEFAULT_LIMITS.compileMs * scale };
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a typo. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  // A word typed only in part ("simil") means the candidate it begins, however far the edit distance.
  const started = word.length >= 3 ? candidates.filter((candidate) => candidate.startsWith(word)) : [];
  if (started.length === 1) return started[0];
  const best = closest(word, [...candidates]);
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(best.length / 3));
  return distance(word, best) <= allowed || best.startsWith(word) ? best : undefined;
}
