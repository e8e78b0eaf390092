import { Box, Flex, Typography } from '@strapi/design-system';
import type { Page } from '../../services/pages';
import type { BrokenTemplate } from '../../services/types';
import { fieldToken } from '../../utils/mergeFields';
import { useT } from '../../utils/useT';

/** The templates an extraction change would break, and why (« Attention » box of the document). */
export const BrokenTemplatesList = ({ templates, pages }: { templates: BrokenTemplate[]; pages: Page[] }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} tag="ul">
      {templates.map((template) => {
        const page = pages.find((p) => p.key === template.page)?.page ?? template.page;
        return (
          <Box key={template.documentId} tag="li" background="warning100" borderColor="warning200" borderStyle="solid" borderWidth="1px" hasRadius padding={3}>
            <Typography fontWeight="bold">{template.title}</Typography>
            <Typography textColor="neutral600"> — {page}</Typography>
            <Box>
              <Typography variant="pi" textColor="warning700">
                {template.reason === 'page-unbound'
                  ? t('broken.pageUnbound', 'L’extraction ne serait plus accessible à partir de sa page.')
                  : t('broken.unknownFields', 'Champs qui n’existeraient plus : {fields}', {
                      fields: template.fields.map(fieldToken).join(', '),
                    })}
              </Typography>
            </Box>
          </Box>
        );
      })}
    </Flex>
  );
};
