import ts from 'typescript';

/**
 * Finds user-visible text written as a literal in a component instead of passing through t():
 * JSX text, the accessible-name and hint attributes, and string literals that read as an English
 * sentence (an error message built in a component).
 */
export interface VisibleLiteral {
  line: number;
  text: string;
  kind: 'jsx-text' | 'attribute' | 'sentence';
}

const visibleAttributes = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'alt',
  'title',
  'label',
]);

/** Key names and units are written the same in every language, and the brand is not translated. */
export const allowedWords = new Set(['LinkPOS', 'Enter', 'Esc', 'Del', 'mm', 'kg']);

const words = (text: string) => text.match(/\p{L}{2,}/gu) ?? [];
const hasForeignWord = (text: string) => words(text).some((w) => !allowedWords.has(w));
const looksLikeSentence = (text: string) => /^\p{Lu}\p{Ll}+(?: \S+)+[.!?…]$/u.test(text.trim());

export function findVisibleLiterals(source: string, fileName = 'component.tsx'): VisibleLiteral[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: VisibleLiteral[] = [];
  const report = (node: ts.Node, text: string, kind: VisibleLiteral['kind']) =>
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim(), kind });

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (hasForeignWord(node.text)) report(node, node.text, 'jsx-text');
    } else if (ts.isJsxAttribute(node) && visibleAttributes.has(node.name.getText(file))) {
      const init = node.initializer;
      const literal =
        init && ts.isStringLiteral(init)
          ? init
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
            ? init.expression
            : null;
      if (literal && hasForeignWord(literal.text)) report(node, literal.text, 'attribute');
      if (init && ts.isJsxExpression(init) && init.expression && ts.isTemplateExpression(init.expression)) {
        const parts = [init.expression.head.text, ...init.expression.templateSpans.map((s) => s.literal.text)].join(' ');
        if (hasForeignWord(parts)) report(node, parts, 'attribute');
      }
    } else if (ts.isStringLiteralLike(node) && !ts.isImportDeclaration(node.parent) && looksLikeSentence(node.text)) {
      report(node, node.text, 'sentence');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
