// What the parse stage hands to the resolve and policy stages: every simple command the shell could
// run, flattened out of the AST (lists, pipelines, compound commands, substitutions, nested
// `sh -c`/eval strings, wrapper commands), with words already normalized the way bash would see them.

/** One shell word after quote removal, ANSI-C decoding and constant folding. */
export interface Word {
  /** The source text of the word, as written. */
  raw: string;
  /**
   * The value bash would pass when `literal` is true. When it is false, the text with each unknown
   * expansion replaced by the placeholder "\u0000" (so prefix/suffix checks still work).
   */
  text: string;
  /** False if any part depends on a value unknown at analysis time ($var, $(cmd), arithmetic...). */
  literal: boolean;
  /** True if it contains unquoted glob characters (* ? [) that bash would expand against the filesystem. */
  glob: boolean;
  /** Names of the unknown expansions, for messages ("$TARGET", "$(curl ...)"). */
  unknowns?: string[];
  /**
   * Set only when every unknown part is a for-loop variable whose values are all known and which
   * nothing else in the script sets (`for f in a.txt src/*.ts; do cat "$f.bak"`): the word's text on
   * each pass ("a.txt.bak", "src/*.ts.bak"). `literal` stays false, so a consumer that ignores this
   * keeps failing closed. When `glob` is true a candidate may be a pattern: the value bash uses is a
   * file name matching it (the loop's list was glob-expanded), even where the word itself is quoted.
   */
  candidates?: string[];
  /**
   * Which loops the candidates come from: words of one command with the same key take candidate i
   * on the same pass (cp "$f" "$f.bak" copies a to a.bak, never a to b.bak). Set with `candidates`.
   */
  candidateKey?: string;
}

export type RedirectKind = 'read' | 'write' | 'append' | 'readwrite' | 'dup' | 'heredoc' | 'herestring';

export interface Redirect {
  /** The operator as written: <, >, >>, >|, <>, &>, &>>, >&, <&, <<, <<-, <<<. */
  op: string;
  kind: RedirectKind;
  /** The file descriptor on the left, when written (2 in 2>/dev/null). */
  fd?: number;
  /** The target word (a file for read/write/append/readwrite; an fd number or "-" for dup). */
  target: Word;
}

/** A here-document's body, lifted out before parsing. */
export interface HereDoc {
  delimiter: string;
  /** Quoted delimiter ('EOF' or "EOF"): the body is data, nothing in it expands. */
  quoted: boolean;
  body: string;
}

export interface SimpleCommand {
  /** The command name word; undefined for assignment-only or redirection-only commands. */
  name: Word | undefined;
  /** basename of name.text when literal ("/usr/bin/../bin/rm" -> "rm"), else undefined. */
  program: string | undefined;
  args: Word[];
  assignments: Array<{ name: string; value: Word }>;
  redirects: Redirect[];
  hereDocs: HereDoc[];
  /**
   * How this command was reached: the chain of wrappers and nesting around it, outermost first,
   * e.g. ["sudo"], ["bash -c"], ["find -exec"], ["xargs"], ["$(...)"], ["eval"]. Empty at top level.
   * Wrappers are ALSO reported as commands of their own, so a pattern on "sudo" still sees sudo.
   */
  via: string[];
  /** For `xargs` and `find -exec`: arguments are appended/substituted at run time (unknown operands). */
  appendsUnknownArgs?: boolean;
  /** Run in the background with & . */
  background?: boolean;
  /**
   * Where it sits in the control flow, for tracking what a `cd` does to later commands:
   * conditional: may not run (then/else branches, case arms, the right side of && and ||);
   * loop: may run any number of times (while/until/for bodies and while/until conditions);
   * isolated: its effect on the shell ends with it (subshell, pipeline element, function body, nested script);
   * subshell: it runs in a ( .. ) subshell or a pipeline element, a new process each time it runs.
   */
  flow?: { conditional?: boolean; loop?: boolean; isolated?: boolean; subshell?: boolean };
  /** The source span of this simple command in the (innermost) script it came from, for messages. */
  source: string;
}

/** A function definition, kept for checks that need structure (a function that spawns itself: fork bomb). */
export interface FunctionDef {
  name: string;
  /** Commands in its body (also present in ParsedScript.commands). */
  body: SimpleCommand[];
  /** True if the body calls the function itself in a pipeline or in the background. */
  spawnsItself: boolean;
}

export type UnknownKind =
  | 'unparseable' // the parser rejected it (or a construct we do not support)
  | 'dynamic-command' // the command name is not a literal ($cmd, $(...), "$@")
  | 'dynamic-code' // a string executed as code that is not literal (eval "$x", bash -c "$x", | sh from unknown input)
  | 'inline-code' // interpreter code we cannot see into (python -c, node -e, perl -e, awk system())
  | 'source' // source / . of a file
  | 'too-complex'; // a size/depth cap was hit: fail closed

export interface Unknown {
  kind: UnknownKind;
  /** What it is, for people: "python3 -c runs inline code". */
  detail: string;
  source: string;
}

export interface ParsedScript {
  /** The script as given. */
  source: string;
  /** Every simple command, in source order, including those nested in substitutions and -c strings. */
  commands: SimpleCommand[];
  functions: FunctionDef[];
  /** Comments, kept for literal-mode explanations; data, never commands. */
  comments: string[];
  /** What the analysis could not see into. Never empty just because it gave up: an empty list means it saw everything. */
  unknowns: Unknown[];
}
