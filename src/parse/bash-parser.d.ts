// The subset of bash-parser 0.5.0's AST that the walker reads (the package ships no types).
// The pre-pass hands bash-parser words without quotes, `$` or backslashes, so `expansion` arrays never
// appear and `text` is exactly the (transformed) word.

declare module 'bash-parser' {
  export interface BpWord {
    type: 'Word' | 'AssignmentWord' | 'Name';
    text: string;
  }
  export interface BpRedirect {
    type: 'Redirect';
    op: { text: string; type: string };
    file: BpWord;
    numberIo?: { text: string };
  }
  export interface BpCommand {
    type: 'Command';
    name?: BpWord;
    prefix?: Array<BpWord | BpRedirect>;
    suffix?: Array<BpWord | BpRedirect>;
    async?: boolean;
  }
  export interface BpCompoundList {
    type: 'CompoundList';
    commands: BpNode[];
    redirections?: BpRedirect[];
  }
  export interface BpPipeline {
    type: 'Pipeline';
    commands: BpNode[];
    bang?: boolean;
    async?: boolean;
  }
  export interface BpLogical {
    type: 'LogicalExpression';
    op: 'and' | 'or';
    left: BpNode;
    right: BpNode;
    async?: boolean;
  }
  export interface BpSubshell {
    type: 'Subshell';
    list: BpCompoundList;
    redirections?: BpRedirect[];
  }
  export interface BpIf {
    type: 'If';
    clause: BpCompoundList;
    then: BpCompoundList;
    else?: BpCompoundList | BpIf;
    redirections?: BpRedirect[];
  }
  export interface BpLoop {
    type: 'While' | 'Until';
    clause: BpCompoundList;
    do: BpCompoundList;
    redirections?: BpRedirect[];
  }
  export interface BpFor {
    type: 'For';
    name: BpWord;
    wordlist?: BpWord[];
    do: BpCompoundList;
    redirections?: BpRedirect[];
  }
  export interface BpCase {
    type: 'Case';
    clause: BpWord;
    cases?: Array<{ type: 'CaseItem'; pattern: BpWord[]; body?: BpCompoundList }>;
    redirections?: BpRedirect[];
  }
  export interface BpFunction {
    type: 'Function';
    name: BpWord;
    body: BpNode;
    redirections?: BpRedirect[];
  }
  export interface BpScript {
    type: 'Script';
    commands: BpNode[];
  }
  export type BpNode =
    | BpCommand
    | BpCompoundList
    | BpPipeline
    | BpLogical
    | BpSubshell
    | BpIf
    | BpLoop
    | BpFor
    | BpCase
    | BpFunction
    | BpScript;

  export default function parse(source: string, options?: { insertLOC?: boolean; mode?: string }): BpScript;
}
