import { mergeTranslations } from '../../utils/prefixTranslations';
import batches from './batches.json';
import bounces from './bounces.json';
import common from './common.json';
import consent from './consent.json';
import extractions from './extractions.json';
import layouts from './layouts.json';
import messages from './messages.json';
import sending from './sending.json';
import templates from './templates.json';

/** The plugin's messages in French, one file per area (the same areas and keys in every language). */
export default mergeTranslations({ batches, bounces, common, consent, extractions, layouts, messages, sending, templates });
