/**
 * Rewrites numbers written as words ("twelve", "one half", "doce", "douze", "zwölf") as digits, and
 * the words for "is" and "equals" of a few languages as English, so the leak guard (which reads
 * digits and English result words) sees "la respuesta es doce" as "the answer is 12".
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  // Spanish, French, German, Italian, Portuguese: words that are numbers and nothing else in English.
  cero: 0, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, doce: 12, trece: 13, veinte: 20,
  zéro: 0, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, treize: 13, vingt: 20,
  eins: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, zwölf: 12, zwanzig: 20,
  quattro: 4, sette: 7, otto: 8, nove: 9, dieci: 10, dodici: 12, dois: 2, três: 3, oito: 8, dez: 10, doze: 12,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const DENOMINATORS: Readonly<Record<string, number>> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4, fifth: 5, fifths: 5 };

/** Foreign "is" / "equals" / "answer" / "result" words, as the English the leak guard reads. */
const RESULT_WORDS: readonly (readonly [RegExp, string])[] = [
  [/(?<!\p{L})(?:es igual a|est égal à|ist gleich|è uguale a|é igual a|igual a|égal à|gleich|vaut|ergibt|es|est|ist|è|é|és|jest|är)(?!\p{L})/giu, 'is'],
  [/(?<!\p{L})(?:la respuesta|la réponse|die antwort|la risposta|a resposta|respuesta|réponse|antwort|risposta|resposta)(?!\p{L})/giu, 'the answer'],
  [/(?<!\p{L})(?:el resultado|le résultat|das ergebnis|il risultato|o resultado|resultado|résultat|ergebnis|risultato)(?!\p{L})/giu, 'the result'],
  // English ways of stating a result the rungs' guard does not read as one: "comes out to 2", "would be 2".
  [/\b(?:comes? out (?:to|as)|turns? out to be|ends? up (?:as|being|with)?|works? out as|is equal to|(?:would|should|must|will|could|might) be|you(?:'ll| will)? (?:get|end up with|find)|i get|we get)\b/gi, 'is'],
  // "2 is right", "yes, 2!": a guess confirmed states the answer too.
  [/([^\s,;:!?]+)\s+(?:is|was|looks)\s+(?:right|correct|it|spot on)\b/gi, 'the answer is $1'],
  [/\b(?:yes|yep|exactly|correct|right)[,!.:\s]+(?=[-\d$\\])/gi, 'the answer is '],
  // "it's 2", "that’s 2": the rungs' guard reads "is".
  [/(?<=\p{L})['’]s(?!\p{L})/gu, ' is'],
  [/等于|是|为/g, ' is '],
  [/答案/g, ' the answer '],
];

/**
 * `text` with foreign result words in English and plain fractions as math; with `numberWords`
 * (the default), number words as digits too. Without them, "one step at a time" keeps its word.
 */
export function normalizeNumberWords(text: string, numberWords = true): string {
  let result = numberWords ? digitsOf(text) : text;
  for (const [pattern, english] of RESULT_WORDS) result = result.replace(pattern, english);
  return outsideMath(result, (prose) => prose.replace(PLAIN_FRACTION, (fraction) => `$${fraction}$`));
}

/** Number words as digits: "one half" -> 1/2, "twenty-four" -> 24, "doce" -> 12. */
function digitsOf(text: string): string {
  let result = text;
  const unit = (word: string) => UNITS[word.toLowerCase()];
  // "one half", "two thirds" -> 1/2, 2/3.
  result = result.replace(/(?<!\p{L})(\p{L}+)[-\s]+(halves|half|thirds?|quarters?|fourths?|fifths?)(?!\p{L})/giu, (whole, count: string, part: string) => {
    const numerator = unit(count) ?? (/^an?$/i.test(count) ? 1 : undefined);
    const denominator = DENOMINATORS[part.toLowerCase()];
    return numerator !== undefined && denominator !== undefined ? `${numerator}/${denominator}` : whole;
  });
  // "twenty-four" -> 24.
  result = result.replace(/(?<!\p{L})(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s]+(one|two|three|four|five|six|seven|eight|nine)(?!\p{L})/giu,
    (_whole, tens: string, ones: string) => String((TENS[tens.toLowerCase()] ?? 0) + (unit(ones) ?? 0)));
  return result.replace(/\p{L}+/gu, (word) => {
    const value = TENS[word.toLowerCase()] ?? unit(word);
    return value === undefined ? word : String(value);
  });
}

/** `3/4` or `-2.5 / 5` in prose: one value, which the leak guard reads only inside math. */
const PLAIN_FRACTION = /(?<![\w$\\./])-?\d+(?:\.\d+)?\s*\/\s*\d+(?:\.\d+)?(?![\w$/]|\.\d)/g;
const MATH_SPAN = /(?<!\\)\$\$[\s\S]+?(?<!\\)\$\$|(?<!\\)\$(?:\\.|[^$\\\n])+?(?<!\\)\$/g;

/** `text` with `change` applied to the prose between its math spans. */
function outsideMath(text: string, change: (prose: string) => string): string {
  let result = '';
  let from = 0;
  for (const span of text.matchAll(MATH_SPAN)) {
    result += change(text.slice(from, span.index)) + span[0];
    from = (span.index ?? 0) + span[0].length;
  }
  return result + change(text.slice(from));
}
