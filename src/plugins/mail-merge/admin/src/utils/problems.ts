import type { TemplateProblem } from '../services/types';
import { fieldToken } from './mergeFields';
import type { Translate } from './useT';

/** A template problem (from the server's recap) in words. */
export const describeProblem = (t: Translate, problem: TemplateProblem) => {
  switch (problem.code) {
    case 'template.unknown-fields':
      return t('problem.unknownFields', 'Champs inconnus : {fields}', { fields: (problem.fields ?? []).map(fieldToken).join(', ') });
    case 'template.extraction-not-bound':
      return t('problem.notBound', 'L’extraction n’est plus accessible à partir de la page');
    case 'template.no-extraction':
      return t('problem.noExtraction', 'Aucune extraction');
    case 'template.unknown-page':
      return t('problem.unknownPage', 'Page inconnue');
    case 'template.syntax':
      return t('problem.syntax', 'Syntaxe des champs invalide');
    default:
      return problem.code;
  }
};
