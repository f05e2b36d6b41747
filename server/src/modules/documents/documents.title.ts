// GB/T 9704-2012 §7.3.3: a title that needs more than one line breaks where the meaning allows —
// 回行时，要做到词意完整，排列对称，长短适宜，间距恰当 — never inside a word, never leaving one
// character alone on a line (「…的报／告」). The breaker cuts the title into tokens (the words of
// the titles this system writes, numbers with their 年/号, punctuation, single characters), scores
// every place between two tokens, and picks the lines by dynamic programming: the fewest lines
// that fit, then the best places, then lines of similar length.

/** Words that are never split across lines; also where a break reads well (between two of them). */
const WORDS = [
  '关于对', '关于', '印发', '转发', '移交', '进一步', '加强', '做好', '开展', '组织', '工作', '情况', '结果', '反馈', '问题',
  '限期', '整改', '发现', '线索', '通知', '报告', '通报', '总结', '请示', '意见', '决定', '批复', '方案', '办法', '年度', '全市',
  '脱贫攻坚', '精准扶贫', '精准脱贫', '扶贫开发', '扶贫', '综合督查', '专项督查', '督查巡查', '督查', '巡查', '成效考核', '考核',
  '领导小组', '办公室', '成员单位', '帮扶单位', '驻村工作队', '第一书记', '贫困村', '贫困户', '资金', '项目', '表扬', '先进典型',
  '惠州市', '惠城区', '惠阳区', '惠东县', '博罗县', '龙门县', '大亚湾区', '仲恺高新区', '县（区）', '市委', '市政府', '人民政府',
].sort((a, b) => b.length - a.length);

/** 文种 that end a title: a break just before 的+文种 (or after the 的) reads well. */
const KINDS = /(通知|报告|通报|函|请示|意见|决定|批复|总结|方案|办法)$/;

const CLOSING = new Set('，、；：。！？）》」』”’〕】'); // never begins a line
const OPENING = new Set('（《「『“‘〔【'); // never ends a line

type Token = { text: string; isWord: boolean };

/** Width in full-width characters: a Latin letter or digit is about half of one (0.6 to be safe). */
export function titleWidth(text: string): number {
  let width = 0;
  for (const character of text) width += /[\u0020-\u007e]/.test(character) ? 0.6 : 1;
  return width;
}

function tokenise(title: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < title.length) {
    const rest = title.slice(index);
    const number = /^[0-9A-Za-z.]+(年度|年|月|日|号|个)?/.exec(rest);
    const word = number ? undefined : WORDS.find((candidate) => rest.startsWith(candidate));
    const text = number?.[0] ?? word ?? String.fromCodePoint(rest.codePointAt(0)!);
    tokens.push({ text, isWord: Boolean(number ?? word) });
    index += text.length;
  }
  return tokens;
}

/** What a break between `before` and `after` costs; Infinity where GB/T 9704 or the typesetting rules forbid it. */
function breakCost(tokens: Token[], at: number, kindStart: number | null): number {
  const before = tokens[at - 1]!;
  const after = tokens[at]!;
  if (CLOSING.has(after.text[0]!) || OPENING.has(before.text.at(-1)!)) return Infinity;
  if (CLOSING.has(before.text.at(-1)!)) return 0;
  if (OPENING.has(after.text[0]!)) return 1;
  if (kindStart !== null && at === kindStart) return 1; // …情况 ／ 的报告
  if (kindStart !== null && at === kindStart + 1 && tokens[kindStart]!.text === '的') return 2; // …情况的 ／ 报告
  if (before.text === '的' || after.text === '的' || before.text === '和' || after.text === '和') return 3;
  if (before.isWord || after.isWord) return 4;
  return 12; // between two characters of an unknown word: a name the breaker does not know
}

/** The index of the token where the closing 的+文种 (or the 文种 alone) begins, if the title ends with one. */
function closingKindStart(tokens: Token[]): number | null {
  const last = tokens.length - 1;
  if (last < 0 || !KINDS.test(tokens[last]!.text)) return null;
  return last > 0 && tokens[last - 1]!.text === '的' ? last - 1 : last;
}

const significantLength = (text: string) => [...text].filter((character) => !CLOSING.has(character) && !OPENING.has(character)).length;

/**
 * Breaks a title into lines of at most `maxWidth` full-width characters, at places where the
 * meaning allows, with no line of a single character. Titles that fit stay on one line. A title
 * with no acceptable break (one unbreakable run longer than a line) comes back as one line.
 */
export function breakTitle(title: string, maxWidth: number): string[] {
  const text = title.trim();
  const total = titleWidth(text);
  if (total <= maxWidth) return [text];
  const tokens = tokenise(text);
  const kindStart = closingKindStart(tokens);
  const widths = tokens.map((token) => titleWidth(token.text));
  const prefix = [0];
  for (const width of widths) prefix.push(prefix.at(-1)! + width);
  const lineWidth = (from: number, to: number) => prefix[to]! - prefix[from]!;
  const lineText = (from: number, to: number) => tokens.slice(from, to).map((token) => token.text).join('');
  const n = tokens.length;
  const fewest = Math.ceil(total / maxWidth);

  let best: { cost: number; cuts: number[] } | null = null;
  let firstFit: number | null = null;
  for (let lines = fewest; lines <= n && (firstFit === null || lines <= firstFit + 1); lines += 1) {
    const target = total / lines;
    // cost[k][j]: the cheapest way to set tokens 0..j-1 on k lines; from[k][j] the start of the k-th line.
    const cost = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(Infinity));
    const from = Array.from({ length: lines + 1 }, () => new Array<number>(n + 1).fill(-1));
    cost[0]![0] = 0;
    for (let k = 1; k <= lines; k += 1) {
      for (let j = 1; j <= n; j += 1) {
        for (let i = k - 1; i < j; i += 1) {
          if (cost[k - 1]![i] === Infinity) continue;
          const width = lineWidth(i, j);
          if (width > maxWidth || significantLength(lineText(i, j)) < 2) continue;
          const cut = i === 0 ? 0 : breakCost(tokens, i, kindStart);
          if (cut === Infinity) continue;
          const candidate = cost[k - 1]![i]! + cut + 0.5 * Math.abs(width - target);
          if (candidate < cost[k]![j]!) {
            cost[k]![j] = candidate;
            from[k]![j] = i;
          }
        }
      }
    }
    if (cost[lines]![n] === Infinity) continue;
    firstFit ??= lines;
    const score = cost[lines]![n]! + 6 * (lines - firstFit);
    if (best && best.cost <= score) continue;
    const cuts: number[] = [];
    for (let k = lines, j = n; k > 0; k -= 1) {
      cuts.unshift(j);
      j = from[k]![j]!;
    }
    best = { cost: score, cuts };
  }
  if (!best) return [text];
  const result: string[] = [];
  let start = 0;
  for (const end of best.cuts) {
    result.push(lineText(start, end));
    start = end;
  }
  return result;
}
