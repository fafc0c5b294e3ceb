// The HOC syntax tree. Every node keeps its source offset so that errors can name
// file:line:column. The parser produces these; the interpreter walks them.

export type ArgType = "" | "o" | "s" | "&";

export type Expr =
  | { k: "num"; pos: number; value: number }
  | { k: "str"; pos: number; value: string }
  /** `x` or `x[i]`. */
  | { k: "name"; pos: number; name: string; index: Expr | null }
  /** `$1`, `$o1`, `$s1`, `$&1`. */
  | { k: "arg"; pos: number; type: ArgType; n: number }
  /** `f(a, b)`: a proc/func, a builtin, or a range variable at x on the current section. */
  | { k: "call"; pos: number; name: string; args: Expr[] }
  /** `o.f`, `o.f[i]`, `o.m(args)`; `args` null when there are no parentheses. */
  | { k: "member"; pos: number; obj: Expr; name: string; index: Expr | null; args: Expr[] | null }
  | { k: "new"; pos: number; cls: string; args: Expr[] }
  | { k: "unary"; pos: number; op: "-" | "!"; e: Expr }
  | { k: "binary"; pos: number; op: string; l: Expr; r: Expr }
  | { k: "assign"; pos: number; op: "=" | "+=" | "-=" | "*=" | "/="; target: Expr; value: Expr }
  /** `a:b`, only as the argument and value of a taper assignment `diam(0:1) = 2:3`. */
  | { k: "range"; pos: number; a: Expr; b: Expr }
  /** `&x`, a pointer argument. */
  | { k: "addr"; pos: number; e: Expr };

export interface DeclItem {
  pos: number;
  name: string;
  size: Expr | null;
}

export type ProcKind = "proc" | "func" | "obfunc";

export type Stmt =
  | { k: "expr"; pos: number; e: Expr }
  | { k: "block"; pos: number; body: Stmt[] }
  | { k: "procdef"; pos: number; kind: ProcKind; name: string; body: Stmt }
  | { k: "local"; pos: number; names: DeclItem[]; obj: boolean }
  | { k: "objref"; pos: number; items: DeclItem[] }
  | { k: "strdef"; pos: number; items: DeclItem[] }
  | { k: "double"; pos: number; items: DeclItem[] }
  | { k: "create"; pos: number; items: DeclItem[] }
  | { k: "access"; pos: number; sec: Expr }
  /** `connect child(cx), parent(px)`; `parent` null: `connect child(cx), px` onto the current section. */
  | { k: "connect"; pos: number; child: Expr; childX: Expr | null; parent: Expr | null; parentX: Expr }
  | { k: "forall"; pos: number; body: Stmt }
  /** `forsec "regex" stmt` or `forsec list stmt`. */
  | { k: "forsec"; pos: number; what: Expr; body: Stmt }
  | { k: "ifsec"; pos: number; what: Expr; body: Stmt }
  | { k: "for"; pos: number; v: Expr; from: Expr; to: Expr; body: Stmt }
  | { k: "cfor"; pos: number; init: Expr | null; cond: Expr | null; step: Expr | null; body: Stmt }
  /** `for (x) stmt` (ends included) or `for (x, 0) stmt` (segment centres only). */
  | { k: "forx"; pos: number; v: Expr; ends: boolean; body: Stmt }
  | { k: "while"; pos: number; cond: Expr; body: Stmt }
  | { k: "if"; pos: number; cond: Expr; then: Stmt; else: Stmt | null }
  | { k: "break"; pos: number }
  | { k: "continue"; pos: number }
  | { k: "return"; pos: number; e: Expr | null }
  | { k: "insert"; pos: number; mech: string; un: boolean }
  /** `sec stmt` / `sec { ... }`: runs `body` with `sec` pushed on the section stack. */
  | { k: "sec"; pos: number; sec: Expr; body: Stmt }
  | { k: "print"; pos: number; items: Expr[] }
  | { k: "empty"; pos: number };
