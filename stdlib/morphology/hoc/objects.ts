// HOC's view of objects: `obj.m(args)`, `obj.f`, `obj.f[i]`, `obj.f = v`. Native classes that
// need the interpreter (SectionList.append() uses the current section) take calls through
// HOC_CALL; any other JS object is used directly (its methods and properties). As in HOC, a
// method named without parentheses is called (`slist.count`).
import { isSection } from "../../handles.ts";
import { HOC_CALL, NOT_HANDLED, fromJs, hasHocCall, objectName, type HocEnv, type HocValue } from "./values.ts";

export function callMethod(env: HocEnv, obj: object, name: string, args: HocValue[], keepUndefined = false): HocValue {
  if (hasHocCall(obj)) {
    const r = obj[HOC_CALL](name, args, env);
    if (r !== NOT_HANDLED) return r;
  }
  const f = (obj as Record<string, unknown>)[name];
  if (typeof f === "function") {
    const r = (f as (...a: unknown[]) => unknown).apply(obj, args);
    // undefined: a method without a value (a top-level call then prints nothing).
    return keepUndefined && r === undefined ? (undefined as unknown as HocValue) : fromJs(r);
  }
  throw new Error(`${objectName(obj)} has no method ${name}()`);
}

/** obj.name, unconverted (a section handle stays one). */
export function getField(env: HocEnv, obj: object, name: string): unknown {
  if (name in obj) {
    const v = (obj as Record<string, unknown>)[name];
    return typeof v === "function" && !isSection(v) ? callMethod(env, obj, name, []) : v;
  }
  if (hasHocCall(obj)) {
    const r = obj[HOC_CALL](name, [], env);
    if (r !== NOT_HANDLED) return r;
  }
  throw new Error(`${objectName(obj)} has no member ${name}`);
}

/** v[i] for an array-like field value. */
export function indexed(v: unknown, name: string, i: number): unknown {
  if (v === null || typeof v !== "object") throw new Error(`${name} is not an array`);
  if (Array.isArray(v) && !(i >= 0 && i < v.length)) throw new Error(`${name}[${i}]: index out of range (${v.length} elements)`);
  return (v as Record<number, unknown>)[i];
}

export function setField(obj: object, name: string, index: number | null, v: HocValue): void {
  if (index !== null) {
    const arr = (obj as Record<string, unknown>)[name];
    if (arr === null || typeof arr !== "object") throw new Error(`${name} is not an array`);
    (arr as Record<number, unknown>)[index] = v;
    return;
  }
  if (!(name in obj) && !hasHocCall(obj)) throw new Error(`${objectName(obj)} has no field ${name}`);
  (obj as Record<string, unknown>)[name] = v;
}
