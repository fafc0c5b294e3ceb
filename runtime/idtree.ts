// The event queue's id entries (NetCon deliveries, TQueue.pushId) in WebAssembly, and the loop that
// delivers them there.
//
// The tree: the calendar's ring and its current bucket for entries (time, sequence, id), with no
// event object and no handle. TQueue keeps the least slot and the tree of every other entry in
// JavaScript; both trees order by (time, sequence) and TQueue takes the lesser of their two least
// entries, so the order is the one tree's (runtime/events.ts). It holds only entries whose bucket
// lies in its ring, 1 .. NB - 1 buckets after its current one (`push` returns false for any other,
// and TQueue places it in its own tree: the current bucket after it was sorted, far times, a
// NaN), so it needs no heap: its least entry is the head of the sorted current bucket, or the
// first bucket after it that holds entries. Its calendar follows the least slot's time, as
// TQueue's does (`peek(lt)`): every tree entry is at or after that time, so the buckets it passes
// are empty.
//
// The loop (`deliver`): while the least item is a due NetCon id whose target has a WebAssembly
// receive kernel, it is delivered through the imported `recv` (the model's fused step: its tsav
// check and NET_RECEIVE, or on threads the append to the target part's delivery ring) with the
// NetCon's target slot, receiver and weight 0 from columns kept here (Simulator.idsReady), and the
// least slot refilled from this tree while its entry comes before the other tree's. Anything else
// goes back to JavaScript.
//
// Why: a network's deliveries are most of the queue's traffic, and in JavaScript the queue's code
// runs unoptimised through a fresh process's first tens of milliseconds (V8 compiles it on another
// thread meanwhile); WebAssembly is compiled before the run starts, and the delivery loop crosses
// into JavaScript only for the events that need it.
//
// Memory: its own, made by the JavaScript side, which does all growing and re-reads its views
// after. A bucket is a list of chunks of 32 entries (from a pool with a free list); the current
// bucket is copied into the run's arrays and an index permutation of them sorted by (time,
// sequence).
import * as W from "./wasm.ts";

const { get, set, f64, i32, add, sub, mul, load, store, loadI32, storeI32, iadd, isub, imul, iand, ior, ishl, block, loop, brIf, br, ret, ifThen, ifElse } = W;
const F = W.F64, I = W.I32;
const floor = (x: W.Code): W.Code => [...x, 0x9c];
const UNREACHABLE: W.Code = [0x00];

/** Buckets in the ring (a power of two), as in TQueue. */
export const NB = 4096;
/** Entries per chunk. */
const C = 32;
// a chunk: times, sequences, ids, next chunk, count
const CT = 0, CS = 8 * C, CP = 16 * C, CNEXT = 20 * C, CN = 20 * C + 4;
const CHUNK = 20 * C + 64;
// the header (byte addresses): the calendar
const H_CUR = 0, H_INVW = 8, H_TOPT = 16, H_TOPS = 24;
const H_INRING = 56, H_CURPOS = 60, H_RUNI = 64, H_RUNN = 68, H_RUNCAP = 72, H_FREE = 76, H_BUMP = 80, H_END = 84;
const H_TOPP = 88, H_RT = 92, H_RS = 96, H_RP = 100, H_ORD = 104, H_TMP = 108;
// `deliver`'s view of the queue, written before the call and read after it: the least slot (its
// time, id, and kind: 0 empty, 1 an id, 2 an event object), the other tree's least entry (time,
// sequence; OBJHAS 0: none), the deliveries made; the NetCon columns (count and addresses)
const H_LT = 32, H_OBJT = 40, H_OBJS = 48;
const H_LP = 112, H_KIND = 116, H_OBJHAS = 120, H_DELIVERED = 124;
const H_NCN = 128, H_NCSLOT = 132, H_NCRECV = 136, H_NCW = 140, H_NCCAP = 144;
// groupSort's generation (its hash slots of other generations are empty) and a scratch double
const H_GEN = 148, H_SCRATCH = 152;
/** The ring: per bucket, its first chunk, last chunk and entry count (16 bytes). */
const RING = 192;
/**
 * groupSort's tables: per hash slot (HS) its generation, group and time; per group (GMAX) its
 * time, first and last entry, and the groups in time order.
 */
const HS = 128, GMAX = 64;
const GS = RING + 16 * NB;
const GS_GEN = GS, GS_GRP = GS + 4 * HS, GS_VAL = GS + 8 * HS, GS_GVAL = GS + 16 * HS;
const GS_HEAD = GS_GVAL + 8 * GMAX, GS_TAIL = GS_HEAD + 4 * GMAX, GS_ORD = GS_TAIL + 4 * GMAX;
const POOL = GS_ORD + 4 * GMAX;
/** Run capacity at first (entries); more is allocated when a bucket holds more. */
const RUN0 = 256;
/** Buckets up to this many entries are insertion-sorted; larger ones grouped (groupSort) or merge-sorted. */
const INSERTION_MAX = 40;

const hI = (h: number): W.Code => loadI32(h, i32(0));
const hSetI = (h: number, v: W.Code): W.Code => storeI32(h, i32(0), v);
const hF = (h: number): W.Code => load(h, i32(0));
const hSetF = (h: number, v: W.Code): W.Code => store(h, i32(0), v);
/** (ta, sa) < (tb, sb) as an i32. */
const before = (ta: W.Code, sa: W.Code, tb: W.Code, sb: W.Code): W.Code =>
  ior(W.flt(ta, tb), iand(W.feq(ta, tb), W.flt(sa, sb)));
/** while (cond) body: inside body, br(1) leaves and br(0) continues (one more per nesting). */
const whileDo = (cond: W.Code, ...body: W.Code[]): W.Code => block(loop(brIf(1, W.ieqz(cond)), ...body, br(0)));
const at8 = (base: number, j: W.Code): W.Code => iadd(get(base), ishl(j, i32(3)));
const at4 = (base: number, j: W.Code): W.Code => iadd(get(base), ishl(j, i32(2)));

/** push(t, s, id) -> 1 appended, 0 not in the ring (the caller places it), -1 no room in memory. */
function pushFn(): W.Func {
  const f = new W.Func("push", [F, F, I], [I]);
  const [t, s, id] = [0, 1, 2];
  const k = f.local(F), b = f.local(I), c = f.local(I), nc = f.local(I), n = f.local(I);
  f.body = W.seq(
    set(k, sub(floor(mul(get(t), hF(H_INVW))), hF(H_CUR))),
    ifThen(W.ieqz(iand(W.fgt(get(k), f64(0)), W.flt(get(k), f64(NB)))), ret(i32(0))),
    set(b, iadd(i32(RING), ishl(iand(iadd(hI(H_CURPOS), W.truncI32(get(k))), i32(NB - 1)), i32(4)))),
    set(c, loadI32(4, get(b))),
    ifThen(
      ior(W.ieqz(get(c)), W.ieq(loadI32(CN, get(c)), i32(C))),
      set(nc, hI(H_FREE)),
      ifElse(
        get(nc),
        hSetI(H_FREE, loadI32(CNEXT, get(nc))),
        W.seq(
          set(nc, hI(H_BUMP)),
          ifThen(W.igtS(iadd(get(nc), i32(CHUNK)), hI(H_END)), ret(i32(-1))),
          hSetI(H_BUMP, iadd(get(nc), i32(CHUNK))),
        ),
      ),
      storeI32(CNEXT, get(nc), i32(0)),
      storeI32(CN, get(nc), i32(0)),
      ifElse(W.ieqz(get(c)), storeI32(0, get(b), get(nc)), storeI32(CNEXT, get(c), get(nc))),
      storeI32(4, get(b), get(nc)),
      set(c, get(nc)),
    ),
    set(n, loadI32(CN, get(c))),
    store(CT, iadd(get(c), ishl(get(n), i32(3))), get(t)),
    store(CS, iadd(get(c), ishl(get(n), i32(3))), get(s)),
    storeI32(CP, iadd(get(c), ishl(get(n), i32(2))), get(id)),
    storeI32(CN, get(c), iadd(get(n), i32(1))),
    storeI32(8, get(b), iadd(loadI32(8, get(b)), i32(1))),
    hSetI(H_INRING, iadd(hI(H_INRING), i32(1))),
    ret(i32(1)),
  );
  return f;
}

/**
 * advance() -> 0, or -1 when the next bucket holds more entries than the run has room for (then
 * nothing has changed). Moves the current bucket on by one; a bucket with entries becomes the run
 * (its chunks go back to the pool) and is sorted.
 */
function advanceFn(sortIndex: number): W.Func {
  const f = new W.Func("advance", [], [I]);
  const pos = f.local(I), b = f.local(I), cnt = f.local(I), c = f.local(I), nx = f.local(I), j = f.local(I), i = f.local(I), n = f.local(I);
  const rt = f.local(I), rs = f.local(I), rp = f.local(I), ord = f.local(I);
  f.body = W.seq(
    set(pos, iand(iadd(hI(H_CURPOS), i32(1)), i32(NB - 1))),
    set(b, iadd(i32(RING), ishl(get(pos), i32(4)))),
    set(cnt, loadI32(8, get(b))),
    ifThen(W.igtS(get(cnt), hI(H_RUNCAP)), ret(i32(-1))),
    hSetF(H_CUR, add(hF(H_CUR), f64(1))),
    hSetI(H_CURPOS, get(pos)),
    ifThen(
      get(cnt),
      // every tree entry is at or after the least slot's time: a run with entries left here
      // would hold times before it
      ifThen(W.iltS(hI(H_RUNI), hI(H_RUNN)), UNREACHABLE),
      hSetI(H_INRING, isub(hI(H_INRING), get(cnt))),
      set(rt, hI(H_RT)), set(rs, hI(H_RS)), set(rp, hI(H_RP)), set(ord, hI(H_ORD)),
      set(j, i32(0)),
      set(c, loadI32(0, get(b))),
      whileDo(
        get(c),
        set(n, loadI32(CN, get(c))),
        W.forUp(i, i32(0), get(n), 1,
          store(0, at8(rt, get(j)), load(CT, iadd(get(c), ishl(get(i), i32(3))))),
          store(0, at8(rs, get(j)), load(CS, iadd(get(c), ishl(get(i), i32(3))))),
          storeI32(0, at4(rp, get(j)), loadI32(CP, iadd(get(c), ishl(get(i), i32(2))))),
          storeI32(0, at4(ord, get(j)), get(j)),
          set(j, iadd(get(j), i32(1))),
        ),
        set(nx, loadI32(CNEXT, get(c))),
        storeI32(CNEXT, get(c), hI(H_FREE)),
        hSetI(H_FREE, get(c)),
        set(c, get(nx)),
      ),
      storeI32(0, get(b), i32(0)),
      storeI32(4, get(b), i32(0)),
      storeI32(8, get(b), i32(0)),
      hSetI(H_RUNI, i32(0)),
      hSetI(H_RUNN, get(cnt)),
      W.call(sortIndex, get(cnt)),
    ),
    ret(i32(0)),
  );
  return f;
}

/**
 * groupSort(n) -> 1 when ord[0, n) is sorted, 0 when it could not (nothing written that matters):
 * the entries must be in sequence order (as appended) and hold at most GMAX distinct times. A
 * network's bucket is so: hundreds of deliveries at a few times (spike time + delay on a grid,
 * equal or a few ulps apart). Entries are grouped by exact time (a hash of its bits), the groups
 * ordered by time, and each group's entries, in sequence order, follow: (time, sequence) order
 * in about a hash probe per entry, where the merge sort takes log n passes.
 */
function groupSortFn(): W.Func {
  const f = new W.Func("groupSort", [I], [I]);
  const n = 0;
  const rt = f.local(I), rs = f.local(I), ord = f.local(I), nxt = f.local(I), gen = f.local(I);
  const j = f.local(I), h = f.local(I), g = f.local(I), ng = f.local(I), t = f.local(F), sPrev = f.local(F), o = f.local(I);
  const a = f.local(I), b = f.local(I), tv = f.local(F);
  const i4 = (base: number, e: W.Code) => iadd(i32(base), ishl(e, i32(2)));
  const i8 = (base: number, e: W.Code) => iadd(i32(base), ishl(e, i32(3)));
  const xor = (p: W.Code, r: W.Code): W.Code => [...p, ...r, 0x73];
  const shrU = (p: W.Code, r: W.Code): W.Code => [...p, ...r, 0x76];
  f.body = W.seq(
    set(rt, hI(H_RT)), set(rs, hI(H_RS)), set(ord, hI(H_ORD)), set(nxt, hI(H_TMP)),
    set(gen, iadd(hI(H_GEN), i32(1))),
    hSetI(H_GEN, get(gen)),
    set(ng, i32(0)),
    set(sPrev, f64(-Infinity)),
    W.forUp(j, i32(0), get(n), 1,
      set(t, load(0, at8(rt, get(j)))),
      // sequence order, or the merge sort
      ifThen(W.ieqz(W.fgt(load(0, at8(rs, get(j))), get(sPrev))), ret(i32(0))),
      set(sPrev, load(0, at8(rs, get(j)))),
      hSetF(H_SCRATCH, get(t)),
      set(h, iand(shrU(imul(xor(hI(H_SCRATCH), hI(H_SCRATCH + 4)), i32(0x9e3779b1 | 0)), i32(25)), i32(HS - 1))),
      block(loop(
        ifThen(W.ine(loadI32(0, i4(GS_GEN, get(h))), get(gen)),
          // a new time: a new group
          ifThen(W.igeS(get(ng), i32(GMAX)), ret(i32(0))),
          storeI32(0, i4(GS_GEN, get(h)), get(gen)),
          store(0, i8(GS_VAL, get(h)), get(t)),
          storeI32(0, i4(GS_GRP, get(h)), get(ng)),
          store(0, i8(GS_GVAL, get(ng)), get(t)),
          storeI32(0, i4(GS_HEAD, get(ng)), get(j)),
          storeI32(0, i4(GS_TAIL, get(ng)), get(j)),
          storeI32(0, at4(nxt, get(j)), i32(-1)),
          set(ng, iadd(get(ng), i32(1))),
          br(2)),
        ifThen(W.feq(load(0, i8(GS_VAL, get(h))), get(t)),
          set(g, loadI32(0, i4(GS_GRP, get(h)))),
          storeI32(0, at4(nxt, loadI32(0, i4(GS_TAIL, get(g)))), get(j)),
          storeI32(0, i4(GS_TAIL, get(g)), get(j)),
          storeI32(0, at4(nxt, get(j)), i32(-1)),
          br(2)),
        set(h, iand(iadd(get(h), i32(1)), i32(HS - 1))),
        br(0),
      )),
    ),
    // the groups by time (insertion sort of at most GMAX)
    W.forUp(a, i32(0), get(ng), 1,
      set(tv, load(0, i8(GS_GVAL, get(a)))),
      set(b, isub(get(a), i32(1))),
      block(loop(
        brIf(1, W.iltS(get(b), i32(0))),
        brIf(1, W.ieqz(W.fgt(load(0, i8(GS_GVAL, loadI32(0, i4(GS_ORD, get(b))))), get(tv)))),
        storeI32(4, i4(GS_ORD, get(b)), loadI32(0, i4(GS_ORD, get(b)))),
        set(b, isub(get(b), i32(1))),
        br(0),
      )),
      storeI32(4, i4(GS_ORD, get(b)), get(a)),
    ),
    set(o, i32(0)),
    W.forUp(a, i32(0), get(ng), 1,
      set(j, loadI32(0, i4(GS_HEAD, loadI32(0, i4(GS_ORD, get(a)))))),
      whileDo(W.igeS(get(j), i32(0)),
        storeI32(0, at4(ord, get(o)), get(j)),
        set(o, iadd(get(o), i32(1))),
        set(j, loadI32(0, at4(nxt, get(j))))),
    ),
    ret(i32(1)),
  );
  return f;
}

/** sort(n): ord[0, n) by (time, sequence) of the run's entries. */
function sortFn(groupSortIndex: number): W.Func {
  const f = new W.Func("sort", [I], []);
  const n = 0;
  const rt = f.local(I), rs = f.local(I), ord = f.local(I), tmp = f.local(I);
  const j = f.local(I), x = f.local(I), y = f.local(I), q = f.local(I), tx = f.local(F), sx = f.local(F);
  const w = f.local(I), i0 = f.local(I), mid = f.local(I), end = f.local(I), ii = f.local(I), jj = f.local(I), o = f.local(I);
  const a = f.local(I), bb = f.local(I), sw = f.local(I);
  const T = (e: W.Code) => load(0, at8(rt, e));
  const S = (e: W.Code) => load(0, at8(rs, e));
  const min = (p: W.Code, r: W.Code) => W.select(p, r, W.iltS(p, r));
  const A = (e: W.Code) => loadI32(0, iadd(get(a), ishl(e, i32(2))));
  f.body = W.seq(
    set(rt, hI(H_RT)), set(rs, hI(H_RS)), set(ord, hI(H_ORD)), set(tmp, hI(H_TMP)),
    ifThen(
      W.ileS(get(n), i32(INSERTION_MAX)),
      W.forUp(j, i32(1), get(n), 1,
        set(x, loadI32(0, at4(ord, get(j)))),
        set(tx, T(get(x))), set(sx, S(get(x))),
        set(q, isub(get(j), i32(1))),
        set(y, loadI32(0, at4(ord, get(q)))),
        ifThen(
          W.ieqz(before(T(get(y)), S(get(y)), get(tx), get(sx))),
          block(loop(
            storeI32(4, at4(ord, get(q)), get(y)),
            set(q, isub(get(q), i32(1))),
            brIf(1, W.iltS(get(q), i32(0))),
            set(y, loadI32(0, at4(ord, get(q)))),
            brIf(0, before(get(tx), get(sx), T(get(y)), S(get(y)))),
          )),
          storeI32(4, at4(ord, get(q)), get(x)),
        ),
      ),
      ret(),
    ),
    ifThen(W.call(groupSortIndex, get(n)), ret()),
    // bottom-up merge sort between ord and tmp
    set(a, get(ord)), set(bb, get(tmp)), set(sw, i32(0)),
    set(w, i32(1)),
    whileDo(
      W.iltS(get(w), get(n)),
      set(i0, i32(0)),
      whileDo(
        W.iltS(get(i0), get(n)),
        set(mid, min(iadd(get(i0), get(w)), get(n))),
        set(end, min(iadd(get(i0), ishl(get(w), i32(1))), get(n))),
        set(ii, get(i0)), set(jj, get(mid)), set(o, get(i0)),
        whileDo(
          iand(W.iltS(get(ii), get(mid)), W.iltS(get(jj), get(end))),
          set(x, A(get(ii))), set(y, A(get(jj))),
          ifElse(
            before(T(get(y)), S(get(y)), T(get(x)), S(get(x))),
            W.seq(storeI32(0, iadd(get(bb), ishl(get(o), i32(2))), get(y)), set(jj, iadd(get(jj), i32(1)))),
            W.seq(storeI32(0, iadd(get(bb), ishl(get(o), i32(2))), get(x)), set(ii, iadd(get(ii), i32(1)))),
          ),
          set(o, iadd(get(o), i32(1))),
        ),
        whileDo(W.iltS(get(ii), get(mid)),
          storeI32(0, iadd(get(bb), ishl(get(o), i32(2))), A(get(ii))), set(ii, iadd(get(ii), i32(1))), set(o, iadd(get(o), i32(1)))),
        whileDo(W.iltS(get(jj), get(end)),
          storeI32(0, iadd(get(bb), ishl(get(o), i32(2))), A(get(jj))), set(jj, iadd(get(jj), i32(1))), set(o, iadd(get(o), i32(1)))),
        set(i0, iadd(get(i0), ishl(get(w), i32(1)))),
      ),
      set(x, get(a)), set(a, get(bb)), set(bb, get(x)),
      set(sw, W.ieqz(get(sw))),
      set(w, ishl(get(w), i32(1))),
    ),
    // the sorted permutation ended in tmp: copy it back
    ifThen(get(sw), W.forUp(j, i32(0), get(n), 1, storeI32(0, at4(ord, get(j)), loadI32(0, at4(tmp, get(j)))))),
  );
  return f;
}

/**
 * peek(lt) -> 1 with the least entry's time, sequence and id in the header (TOPT, TOPS, TOPP),
 * 0 when the tree is empty, -1 when a bucket needs a larger run (nothing has changed then but the
 * calendar's position). `lt`: the least slot's time, which no entry precedes.
 */
function peekFn(advanceIndex: number): W.Func {
  const f = new W.Func("peek", [F], [I]);
  const lt = 0;
  const now = f.local(F), k = f.local(F), x = f.local(I);
  f.body = W.seq(
    set(now, floor(mul(get(lt), hF(H_INVW)))),
    ifThen(
      iand(W.fgt(get(now), hF(H_CUR)), W.flt(sub(get(now), hF(H_CUR)), f64(1e15))),
      ifElse(
        W.igtS(hI(H_INRING), i32(0)),
        W.seq(
          ifThen(W.fge(sub(get(now), hF(H_CUR)), f64(NB)), UNREACHABLE),
          whileDo(W.flt(hF(H_CUR), get(now)), ifThen(W.iltS(W.call(advanceIndex), i32(0)), ret(i32(-1)))),
        ),
        W.seq(
          set(k, sub(get(now), hF(H_CUR))),
          hSetF(H_CUR, get(now)),
          // k mod NB, exactly (k < 2^53)
          set(k, sub(get(k), mul(floor(W.div(get(k), f64(NB))), f64(NB)))),
          hSetI(H_CURPOS, iand(iadd(hI(H_CURPOS), W.truncI32(get(k))), i32(NB - 1))),
        ),
      ),
    ),
    block(loop(
      ifThen(
        W.iltS(hI(H_RUNI), hI(H_RUNN)),
        set(x, loadI32(0, iadd(hI(H_ORD), ishl(hI(H_RUNI), i32(2))))),
        hSetF(H_TOPT, load(0, iadd(hI(H_RT), ishl(get(x), i32(3))))),
        hSetF(H_TOPS, load(0, iadd(hI(H_RS), ishl(get(x), i32(3))))),
        hSetI(H_TOPP, loadI32(0, iadd(hI(H_RP), ishl(get(x), i32(2))))),
        ret(i32(1)),
      ),
      ifThen(W.ieqz(hI(H_INRING)), ret(i32(0))),
      ifThen(W.iltS(W.call(advanceIndex), i32(0)), ret(i32(-1))),
      br(0),
    )),
    ret(i32(0)),
  );
  return f;
}

/**
 * deliver(til) -> 0: the least item is later than til (or there is none); 1: the least item is
 * for JavaScript to deliver (an event object, an id without a NetCon column or a WebAssembly
 * receive kernel, or one whose target's tsav is later); 2: the least slot is empty (the other
 * tree's entry comes next, or this tree needs memory): JavaScript refills it. Delivers least ids
 * up to til through the imported `recv` (the model's receive kernels), refilling the least slot
 * from this tree while its entry comes before the other tree's (OBJT, OBJS). A receive kernel
 * queues nothing, so delivering before refilling gives the order of dq, then deliver.
 */
function deliverFn(recvIndex: number, peekIndex: number): W.Func {
  const f = new W.Func("deliver", [F], [I]);
  const til = 0;
  const id = f.local(I), r = f.local(I), lt = f.local(F);
  f.body = W.seq(
    block(loop(
      ifThen(W.ieqz(hI(H_KIND)), ret(i32(0))),
      set(lt, hF(H_LT)),
      ifThen(W.ieqz(W.fle(get(lt), get(til))), ret(i32(0))),
      ifThen(W.ine(hI(H_KIND), i32(1)), ret(i32(1))),
      set(id, hI(H_LP)),
      ifThen(W.igeU(get(id), hI(H_NCN)), ret(i32(1))),
      set(r, loadI32(0, iadd(hI(H_NCRECV), ishl(get(id), i32(2))))),
      ifThen(W.iltS(get(r), i32(0)), ret(i32(1))),
      ifThen(
        W.call(recvIndex, get(r), loadI32(0, iadd(hI(H_NCSLOT), ishl(get(id), i32(2)))), load(0, iadd(hI(H_NCW), ishl(get(id), i32(3)))), get(lt)),
        ret(i32(1)),
      ),
      hSetI(H_DELIVERED, iadd(hI(H_DELIVERED), i32(1))),
      ifThen(
        iand(W.ieq(W.call(peekIndex, get(lt)), i32(1)),
          ior(W.ieqz(hI(H_OBJHAS)), before(hF(H_TOPT), hF(H_TOPS), hF(H_OBJT), hF(H_OBJS)))),
        hSetF(H_LT, hF(H_TOPT)),
        hSetI(H_LP, hI(H_TOPP)),
        hSetI(H_RUNI, iadd(hI(H_RUNI), i32(1))),
        br(1),
      ),
      hSetI(H_KIND, i32(0)),
      ret(i32(2)),
    )),
    ret(i32(0)),
  );
  return f;
}

/**
 * pushMany(tt, list, i, n, lt, seq) -> how many of a send list's entries i, i + 1, ... (list: n
 * entries of 16 bytes, the delay as f64 at +0 and the NetCon id as i32 at +8) were appended at
 * time tt + delay with sequences seq, seq + 1, ...: TQueue.pushId's common case for each, a
 * spike's fan-out without a call per NetCon. It stops at the first entry that is not that case
 * (earlier than the least slot's time lt, or not in the ring): TQueue pushes that one itself.
 */
function pushManyFn(pushIndex: number): W.Func {
  const f = new W.Func("pushMany", [F, I, I, I, F, F], [I]);
  const [tt, list, i, n, lt, sq] = [0, 1, 2, 3, 4, 5];
  const k = f.local(I), e = f.local(I), t = f.local(F);
  f.body = W.seq(
    set(k, i32(0)),
    block(loop(
      brIf(1, W.igeS(get(i), get(n))),
      set(e, iadd(get(list), ishl(get(i), i32(4)))),
      set(t, add(get(tt), load(0, get(e)))),
      brIf(1, W.flt(get(t), get(lt))),
      brIf(1, W.ine(W.call(pushIndex, get(t), add(get(sq), W.convertI32(get(k))), loadI32(8, get(e))), i32(1))),
      set(k, iadd(get(k), i32(1))),
      set(i, iadd(get(i), i32(1))),
      br(0),
    )),
    get(k),
  );
  return f;
}

/** recv(receiver, slot, weight, t) -> 0 delivered, else nothing done: the model's receive kernels. */
export type Recv = (r: number, slot: number, w: number, t: number) => number;
const RECV: W.ImportFunc = { module: "q", name: "recv", params: [I, I, F, F], results: [I] };
const noRecv: Recv = () => 1;

let compiled: W.WasmModule | null = null;
function idTreeModule(): W.WasmModule {
  if (compiled === null) {
    W.tierUpEagerly();
    // function indices: recv 0 (imported), push 1, sort 2, advance 3, peek 4, deliver 5, groupSort 6, pushMany 7
    compiled = new W.WA!.Module(W.moduleBytes([RECV], [pushFn(), sortFn(6), advanceFn(2), peekFn(3), deliverFn(0, 4), groupSortFn(), pushManyFn(1)], 2));
  }
  return compiled;
}

interface IdTreeExports {
  push(t: number, s: number, id: number): number;
  pushMany(tt: number, list: number, i: number, n: number, lt: number, seq: number): number;
  peek(lt: number): number;
  deliver(til: number): number;
}

/** A spike source's fan-out in an IdTree's memory (IdTree.list), and the same in JavaScript. */
export interface IdList {
  readonly addr: number;
  readonly cap: number;
  readonly n: number;
  readonly delays: Float64Array;
  readonly ids: Int32Array;
}

/** One queue's id entries (see the file's comment); null where there is no WebAssembly. */
export class IdTree {
  private readonly mem: W.WasmMemory;
  private ex!: IdTreeExports;
  private f: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private i: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** After a `peek` that found one: the least entry's time, sequence and id. */
  t = 0;
  s = 0;
  p = 0;

  static create(): IdTree | null {
    return W.WA === null ? null : new IdTree();
  }

  private constructor() {
    this.mem = new W.WA!.Memory({ initial: 2 });
    this.bind(noRecv);
    this.views();
    this.i[H_BUMP >> 2] = POOL;
    this.i[H_END >> 2] = this.mem.buffer.byteLength;
    this.allocRun(RUN0);
    this.setWidth(0.025, 0);
  }

  /** The receive kernels `deliver` calls (a new instance over the same memory); null: none. */
  bind(recv: Recv | null): void {
    this.ex = new W.WA!.Instance(idTreeModule(), { env: { mem: this.mem }, q: { recv: recv ?? noRecv } }).exports as unknown as IdTreeExports;
  }

  private views(): void {
    this.f = new Float64Array(this.mem.buffer);
    this.i = new Int32Array(this.mem.buffer);
  }

  /** Makes `bytes` more bytes available past the bump pointer. */
  private grow(bytes: number): void {
    const mem = this.mem;
    const have = mem.buffer.byteLength;
    const need = this.i[H_BUMP >> 2]! + bytes - have;
    if (need > 0) mem.grow(Math.max(Math.ceil(need / 65536), have >> 16));
    this.views();
    this.i[H_END >> 2] = mem.buffer.byteLength;
  }

  /** New run arrays for `cap` entries (the run is empty: nothing to copy). */
  private allocRun(cap: number): void {
    const bytes = 8 * cap * 2 + 4 * cap * 3 + 64;
    this.grow(bytes);
    const I = this.i;
    let a = (I[H_BUMP >> 2]! + 63) & ~63;
    I[H_RT >> 2] = a;
    a += 8 * cap;
    I[H_RS >> 2] = a;
    a += 8 * cap;
    I[H_RP >> 2] = a;
    a += 4 * cap;
    I[H_ORD >> 2] = a;
    a += 4 * cap;
    I[H_TMP >> 2] = a;
    a += 4 * cap;
    I[H_BUMP >> 2] = a;
    I[H_RUNCAP >> 2] = cap;
  }

  /** Appends an entry in the ring; false: its bucket is not in the ring (place it elsewhere). */
  push(t: number, s: number, id: number): boolean {
    let r = this.ex.push(t, s, id);
    if (r < 0) {
      this.grow(64 * CHUNK);
      r = this.ex.push(t, s, id);
    }
    return r > 0;
  }

  /**
   * A send list in this memory: the delays and NetCon ids of a spike source's fan-out (`old`'s
   * room reused when it is large enough).
   */
  list(delays: Float64Array, ids: Int32Array, old: IdList | null): IdList {
    const n = ids.length;
    let addr: number, cap: number;
    if (old !== null && old.cap >= n) {
      addr = old.addr;
      cap = old.cap;
    } else {
      cap = Math.max(n, 4);
      this.grow(16 * cap + 16);
      addr = (this.i[H_BUMP >> 2]! + 15) & ~15;
      this.i[H_BUMP >> 2] = addr + 16 * cap;
    }
    for (let k = 0; k < n; k++) {
      this.f[(addr >> 3) + 2 * k] = delays[k]!;
      this.i[(addr >> 2) + 4 * k + 2] = ids[k]!;
    }
    return { addr, cap, n, delays, ids };
  }

  /** pushManyFn: entries i.. of `list` appended while they can be (returns how many). */
  pushMany(tt: number, list: IdList, i: number, lt: number, seq: number): number {
    return this.ex.pushMany(tt, list.addr, i, list.n, lt, seq);
  }

  /** Finds the least entry (`t`, `s`, `p`); false when there is none. `lt`: the least slot's time. */
  peek(lt: number): boolean {
    let r = this.ex.peek(lt);
    while (r < 0) {
      const I = this.i;
      const pos = (I[H_CURPOS >> 2]! + 1) & (NB - 1);
      this.allocRun(Math.max(2 * I[H_RUNCAP >> 2]!, I[(RING >> 2) + 4 * pos + 2]!));
      r = this.ex.peek(lt);
    }
    if (r === 0) return false;
    const F = this.f;
    this.t = F[H_TOPT >> 3]!;
    this.s = F[H_TOPS >> 3]!;
    this.p = this.i[H_TOPP >> 2]!;
    return true;
  }

  /** Removes the entry the last successful `peek` found. */
  pop(): void {
    this.i[H_RUNI >> 2]!++;
  }

  /** Up to `max` ids the current bucket delivers next, after the least (a read-ahead hint). */
  next(out: Int32Array, max: number): number {
    const I = this.i;
    const ri = I[H_RUNI >> 2]!, rn = I[H_RUNN >> 2]!, ord = I[H_ORD >> 2]! >> 2, rp = I[H_RP >> 2]! >> 2;
    const end = Math.min(rn, ri + max);
    let k = 0;
    for (let j = ri; j < end; j++) out[k++] = I[rp + I[ord + j]!]!;
    return k;
  }

  /** Every entry (time, sequence, id), in no particular order. */
  entries(): Array<{ t: number; s: number; p: number }> {
    const I = this.i, F = this.f, out: Array<{ t: number; s: number; p: number }> = [];
    const ord = I[H_ORD >> 2]! >> 2, rt = I[H_RT >> 2]! >> 3, rs = I[H_RS >> 2]! >> 3, rp = I[H_RP >> 2]! >> 2;
    for (let j = I[H_RUNI >> 2]!; j < I[H_RUNN >> 2]!; j++) {
      const x = I[ord + j]!;
      out.push({ t: F[rt + x]!, s: F[rs + x]!, p: I[rp + x]! });
    }
    for (let b = 0; b < NB; b++) {
      for (let c = I[(RING >> 2) + 4 * b]!; c !== 0; c = I[(c + CNEXT) >> 2]!) {
        const n = I[(c + CN) >> 2]!;
        for (let k = 0; k < n; k++) out.push({ t: F[((c + CT) >> 3) + k]!, s: F[((c + CS) >> 3) + k]!, p: I[((c + CP) >> 2) + k]! });
      }
    }
    return out;
  }

  /**
   * NetCon columns for `n` ids (their contents kept): the target's slot, its receiver (the index
   * of its mechanism's receive kernel, -1: none) and weight 0. Returns them as views, valid until
   * the next call of any method that may grow the memory (push, peek, this).
   */
  netcons(n: number): { slot: Int32Array<ArrayBufferLike>; recv: Int32Array<ArrayBufferLike>; w: Float64Array<ArrayBufferLike> } {
    let I = this.i;
    const have = I[H_NCN >> 2]!;
    if (n > I[H_NCCAP >> 2]!) {
      const cap = Math.max(n, 2 * I[H_NCCAP >> 2]!, 256);
      this.grow(16 * cap + 64);
      I = this.i;
      const F = this.f;
      const base = (I[H_BUMP >> 2]! + 63) & ~63;
      const slot = base, recv = slot + 4 * cap, w = recv + 4 * cap;
      I.copyWithin(slot >> 2, I[H_NCSLOT >> 2]! >> 2, (I[H_NCSLOT >> 2]! >> 2) + have);
      I.copyWithin(recv >> 2, I[H_NCRECV >> 2]! >> 2, (I[H_NCRECV >> 2]! >> 2) + have);
      F.copyWithin(w >> 3, I[H_NCW >> 2]! >> 3, (I[H_NCW >> 2]! >> 3) + have);
      I[H_NCSLOT >> 2] = slot;
      I[H_NCRECV >> 2] = recv;
      I[H_NCW >> 2] = w;
      I[H_NCCAP >> 2] = cap;
      I[H_BUMP >> 2] = w + 8 * cap;
    }
    I[H_NCN >> 2] = n;
    return {
      slot: this.i.subarray(I[H_NCSLOT >> 2]! >> 2, (I[H_NCSLOT >> 2]! >> 2) + n),
      recv: this.i.subarray(I[H_NCRECV >> 2]! >> 2, (I[H_NCRECV >> 2]! >> 2) + n),
      w: this.f.subarray(I[H_NCW >> 2]! >> 3, (I[H_NCW >> 2]! >> 3) + n),
    };
  }

  /**
   * Delivers least ids up to `til` in WebAssembly (see deliverFn): `lt`, `lp` and `kind` are the
   * least slot's (kind 0 empty, 1 an id, 2 an event object), `objT`/`objS` the other tree's least
   * entry (objHas false: none). Returns deliverFn's code; the least slot after it in `lt`, `p`
   * (kind in `kind`), the deliveries made in `delivered`.
   */
  deliver(til: number, lt: number, lp: number, kind: number, objHas: boolean, objT: number, objS: number): number {
    const F = this.f, I = this.i;
    F[H_LT >> 3] = lt;
    I[H_LP >> 2] = lp;
    I[H_KIND >> 2] = kind;
    I[H_OBJHAS >> 2] = objHas ? 1 : 0;
    F[H_OBJT >> 3] = objT;
    F[H_OBJS >> 3] = objS;
    I[H_DELIVERED >> 2] = 0;
    const r = this.ex.deliver(til);
    this.lt = F[H_LT >> 3]!;
    this.lp = I[H_LP >> 2]!;
    this.kind = I[H_KIND >> 2]!;
    this.delivered = I[H_DELIVERED >> 2]!;
    return r;
  }

  /** After `deliver`: the least slot and the deliveries made. */
  lt = 0;
  lp = 0;
  kind = 0;
  delivered = 0;

  /** Number of entries. */
  get length(): number {
    const I = this.i;
    return I[H_INRING >> 2]! + I[H_RUNN >> 2]! - I[H_RUNI >> 2]!;
  }

  /** Drops every entry; the chunks go back to the pool. */
  clear(): void {
    const I = this.i;
    if (I[H_INRING >> 2]! > 0) {
      for (let b = 0; b < NB; b++) {
        const head = I[(RING >> 2) + 4 * b]!;
        if (head === 0) continue;
        const tail = I[(RING >> 2) + 4 * b + 1]!;
        I[(tail + CNEXT) >> 2] = I[H_FREE >> 2]!;
        I[H_FREE >> 2] = head;
      }
    }
    I.fill(0, RING >> 2, POOL >> 2);
    I[H_INRING >> 2] = 0;
    I[H_RUNI >> 2] = I[H_RUNN >> 2] = 0;
    this.f[H_CUR >> 3] = 0;
    I[H_CURPOS >> 2] = 0;
  }

  /**
   * Empties the tree and sets its bucket width and its current bucket (that of time `lt`);
   * returns the entries it held.
   */
  setWidth(width: number, lt: number): Array<{ t: number; s: number; p: number }> {
    const all = this.entries();
    this.clear();
    const F = this.f, I = this.i;
    F[H_INVW >> 3] = 1 / width;
    F[H_CUR >> 3] = Number.isFinite(lt) ? Math.floor(lt * (1 / width)) : 0;
    I[H_CURPOS >> 2] = 0;
    return all;
  }
}
