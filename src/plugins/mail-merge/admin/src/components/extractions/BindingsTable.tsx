import { useState } from 'react';
import { Flex, IconButton, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import type { Page } from '../../services/pages';
import { modulesOf } from '../../utils/groupByPage';
import { useT } from '../../utils/useT';

type Props = { pages: Page[]; value: string[]; onChange: (pages: string[]) => void; disabled?: boolean };

/**
 * « Accessible à partir des pages »: module and page of each binding; a last row adds one (module,
 * then page, validated with the check mark); the cross removes one.
 */
export const BindingsTable = ({ pages, value, onChange, disabled }: Props) => {
  const t = useT();
  const [module, setModule] = useState<string | null>(null);
  const [page, setPage] = useState<string | null>(null);
  const modules = modulesOf(pages).filter((m) => m.pages.some((p) => !value.includes(p.key)));
  const choices = modulesOf(pages).find((m) => m.module === module)?.pages.filter((p) => !value.includes(p.key)) ?? [];
  const bound = value.map((key) => pages.find((p) => p.key === key) ?? ({ key, module: '—', page: key } as Page));

  const add = () => {
    if (!page) return;
    onChange([...value, page]);
    setPage(null);
    setModule(null);
  };

  return (
    <Table colCount={3} rowCount={bound.length + 2}>
      <Thead>
        <Tr>
          <Th width="30%">
            <Typography variant="sigma">{t('pages.module', 'Module')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('pages.page', 'Page')}</Typography>
          </Th>
          <Th width="8rem">
            <Typography variant="sigma">{t('bindings.action', 'Action')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {bound.map((p) => (
          <Tr key={p.key} data-binding={p.key}>
            <Td>
              <Typography>{p.module}</Typography>
            </Td>
            <Td>
              <Typography fontWeight="semiBold">{p.page}</Typography>
            </Td>
            <Td>
              {!disabled && (
                <IconButton
                  variant="danger-light"
                  label={t('bindings.remove', 'Dissocier de la page {page}', { page: p.page })}
                  onClick={() => onChange(value.filter((key) => key !== p.key))}
                >
                  <Cross />
                </IconButton>
              )}
            </Td>
          </Tr>
        ))}
        {bound.length === 0 && (
          <Tr>
            <Td colSpan={3}>
              <Typography textColor="neutral600">{t('bindings.empty', 'Accessible à partir d’aucune page pour le moment.')}</Typography>
            </Td>
          </Tr>
        )}
        {!disabled && modules.length > 0 && (
          <Tr>
            <Td>
              <SingleSelect
                aria-label={t('pages.module', 'Module')}
                placeholder={t('bindings.module.placeholder', 'Choisissez un module')}
                value={module}
                onChange={(next) => {
                  setModule(String(next));
                  setPage(null);
                }}
                size="S"
              >
                {modules.map((m) => (
                  <SingleSelectOption key={m.module} value={m.module}>
                    {m.module}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Td>
            <Td>
              <SingleSelect
                aria-label={t('pages.page', 'Page')}
                placeholder={t('bindings.page.placeholder', 'Choisissez un module puis la page')}
                value={page}
                onChange={(next) => setPage(String(next))}
                disabled={!module}
                size="S"
              >
                {choices.map((p) => (
                  <SingleSelectOption key={p.key} value={p.key}>
                    {p.page}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Td>
            <Td>
              <Flex>
                <IconButton variant="success-light" label={t('bindings.add', 'Valider l’ajout de la page')} onClick={add} disabled={!page}>
                  <Check />
                </IconButton>
              </Flex>
            </Td>
          </Tr>
        )}
      </Tbody>
    </Table>
  );
};
