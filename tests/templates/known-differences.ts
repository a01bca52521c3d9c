/**
 * Corpus cases (tests/templates/corpus/*.json) where the product is meant to differ from Jinja2, each
 * with its reason. docs/decisions.md ("Templates: Jinja2 compatibility corpus") lists the same ids; the
 * corpus test fails when a case here renders identically after all, or differs without being here.
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {
  'src-utm-pair-null':
    'null prints as empty text wherever it becomes text (`~` included): the product choice; Jinja2 finalize only covers {{ }} output, so `~` gives "None"',
  'src-campaign-default-null': '`default` covers null as well as undefined (lib/templates/filters.ts defaultFilter); Jinja2 keeps None',
  'compat-14': '`default` covers null as well as undefined (lib/templates/filters.ts defaultFilter); Jinja2 keeps None',
  // nunjucks' parser, which the interpreter keeps, reads `is` differently (docs/decisions.md, the interpreter core).
  'cond-is-arg-no-parens': 'a test argument needs parentheses (`is divisibleby(2)`): nunjucks parses `is divisibleby 2` as a syntax error',
  'cond-is-in': 'a test argument needs parentheses (`is in([...])`): nunjucks parses `is in [...]` as a syntax error',
  'cond-is-binds-tight': '`is` binds looser than `+` and `==` in nunjucks, tighter in Jinja2: `x + 1 is even` tests `x + 1`',
};
