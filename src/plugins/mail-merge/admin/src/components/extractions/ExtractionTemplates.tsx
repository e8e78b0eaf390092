import { Badge, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ROUTES } from '../../constants';
import type { Page } from '../../services/pages';
import type { Template } from '../../services/types';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';
import { RouterLink } from '../common/RouterLink';

/** The mail templates that use the extraction (an extraction in use cannot be deleted). */
export const ExtractionTemplates = ({ templates, pages }: { templates: Template[]; pages: Page[] }) => {
  const t = useT();
  return (
    <Panel title={t('extraction.templates', 'Modèles de mail utilisant cette extraction')}>
      {templates.length === 0 ? (
        <Typography textColor="neutral600">{t('extraction.templates.none', 'Aucun modèle de mail n’utilise cette extraction.')}</Typography>
      ) : (
        <Table colCount={3} rowCount={templates.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('templates.field.title', 'Intitulé')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('pages.page', 'Page')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('templates.status', 'État')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {templates.map((template) => (
              <Tr key={template.documentId}>
                <Td>
                  <RouterLink to={ROUTES.template(template.documentId)}>{template.title}</RouterLink>
                </Td>
                <Td>
                  <Typography>{pages.find((p) => p.key === template.page)?.page ?? template.page}</Typography>
                </Td>
                <Td>
                  {template.valid ? (
                    <Badge backgroundColor="success100" textColor="success700">
                      {t('templates.valid', 'Valide')}
                    </Badge>
                  ) : (
                    <Badge backgroundColor="warning100" textColor="warning700">
                      {t('templates.invalid', 'À corriger')}
                    </Badge>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Panel>
  );
};
