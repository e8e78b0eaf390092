/**
 * The plugin's own content types (extractions, page bindings, templates, sender profiles, the
 * delivery ledger, batches, events) are added here as each feature lands.
 */
export default {};
