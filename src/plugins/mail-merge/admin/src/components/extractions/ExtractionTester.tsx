import { useEffect, useState } from 'react';
import { Alert, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useTestExtractionQueryMutation, useTestSavedExtractionMutation } from '../../services/api';
import type { Page } from '../../services/pages';
import type { RecordOption, TestResult } from '../../services/types';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { FieldChip } from '../common/FieldChip';
import { Panel } from '../common/Panel';
import { RecordPicker } from '../common/RecordPicker';
import { ResultTable } from './ResultTable';

type Props = {
  /** The saved extraction (tested with the read right when the query cannot be edited). */
  documentId: string | null;
  query: string;
  boundPages: Page[];
  canManage: boolean;
};

const FIRST_ROWS = '__first_rows__';

/** « Tester »: the columns and rows of the query, its first rows or the row of a record of a bound page. */
export const ExtractionTester = ({ documentId, query, boundPages, canManage }: Props) => {
  const t = useT();
  const [testQuery] = useTestExtractionQueryMutation();
  const [testSaved] = useTestSavedExtractionMutation();
  const errorMessage = useErrorMessage();
  const [page, setPage] = useState<string>(FIRST_ROWS);
  const [record, setRecord] = useState<RecordOption | null>(null);
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  // A page unbound meanwhile is no longer offered.
  useEffect(() => {
    if (page !== FIRST_ROWS && !boundPages.some((p) => p.key === page)) {
      setPage(FIRST_ROWS);
      setRecord(null);
    }
  }, [boundPages, page]);

  const run = async () => {
    setRunning(true);
    setError(null);
    const target = page !== FIRST_ROWS && record ? { page, record: record.documentId } : { limit: 20 };
    try {
      const request = canManage || !documentId ? testQuery({ query, ...target }) : testSaved({ documentId, body: target });
      setResult((await request.unwrap()).data);
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Panel
      title={t('tester.title', 'Tester la requête')}
      subtitle={t('tester.subtitle', 'Exécute la requête en lecture seule : ses premières lignes, ou la ligne d’une fiche d’une page rattachée.')}
      label={t('tester.title', 'Tester la requête')}
    >
      <Flex gap={4} alignItems="flex-start" wrap="wrap">
        <Box width="32rem">
          <Field.Root name="test-page">
            <Field.Label>{t('tester.on', 'Tester sur')}</Field.Label>
            <SingleSelect
              value={page}
              onChange={(next) => {
                setPage(String(next));
                setRecord(null);
              }}
            >
              <SingleSelectOption value={FIRST_ROWS}>{t('tester.firstRows', 'Les premières lignes')}</SingleSelectOption>
              {boundPages.map((p) => (
                <SingleSelectOption key={p.key} value={p.key}>
                  {t('tester.recordOf', 'Une fiche de « {page} »', { page: p.page })}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        {page !== FIRST_ROWS && (
          <Box flex="1" minWidth="28rem">
            <RecordPicker page={page} value={record} onChange={setRecord} />
          </Box>
        )}
        <Box paddingTop={6}>
          <Button
              variant="secondary"
              size="L"
              startIcon={<Play />}
              onClick={run}
              loading={running}
              disabled={!query.trim() || (page !== FIRST_ROWS && !record)}
            >
            {t('tester.run', 'Tester')}
          </Button>
        </Box>
      </Flex>

      {error && (
        <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} onClose={() => setError(null)} title={t('tester.error', 'La requête a été refusée')}>
          {error}
        </Alert>
      )}

      {result && (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Flex gap={2} wrap="wrap" alignItems="center">
            <Typography variant="sigma" textColor="neutral600">
              {t('tester.columns', 'Champs ({count})', { count: result.columns.length })}
            </Typography>
            {result.columns.map((column) => (
              <FieldChip key={column}>{column}</FieldChip>
            ))}
          </Flex>
          {result.rows.length === 0 ? (
            <Typography textColor="neutral600">{t('tester.noRows', 'Aucune ligne.')}</Typography>
          ) : (
            <ResultTable result={result} />
          )}
          <Typography variant="pi" textColor="neutral600">
            {result.truncated
              ? t('tester.truncated', '{count, plural, one {# ligne affichée} other {# lignes affichées}} (résultat tronqué)', { count: result.rows.length })
              : t('tester.count', '{count, plural, =0 {aucune ligne} one {# ligne} other {# lignes}}', { count: result.rows.length })}
          </Typography>
        </Flex>
      )}
    </Panel>
  );
};
