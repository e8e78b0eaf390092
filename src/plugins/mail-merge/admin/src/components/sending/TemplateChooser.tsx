import { useMemo } from 'react';
import { Accordion, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useT } from '../../utils/useT';

export type ChooserTemplate = { documentId: string; family: string | null; title: string; description: string | null };

type Props = { templates: ChooserTemplate[]; onChoose: (documentId: string) => void };

/** The templates of a page grouped by family, as accordions: « dépliez une famille et choisissez ». */
export const TemplateChooser = ({ templates, onChoose }: Props) => {
  const t = useT();
  const families = useMemo(() => {
    const groups = new Map<string, ChooserTemplate[]>();
    for (const template of templates) {
      const family = template.family || t('send.family.none', 'Sans famille');
      groups.set(family, [...(groups.get(family) ?? []), template]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'fr'));
  }, [templates, t]);

  return (
    <Accordion.Root>
      {families.map(([family, list]) => (
        <Accordion.Item key={family} value={family}>
          <Accordion.Header>
            <Accordion.Trigger description={t('send.family.count', '{count, plural, one {# mail} other {# mails}}', { count: list.length })}>
              {family}
            </Accordion.Trigger>
          </Accordion.Header>
          <Accordion.Content>
            <Flex tag="ul" direction="column" alignItems="stretch" gap={2} padding={3}>
              {list.map((template) => (
                <Box tag="li" key={template.documentId}>
                  <Button variant="ghost" fullWidth onClick={() => onChoose(template.documentId)} style={{ justifyContent: 'flex-start', height: 'auto' }}>
                    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1} paddingBottom={1}>
                      <Typography fontWeight="bold">{template.title}</Typography>
                      {template.description && (
                        <Typography variant="pi" textColor="neutral600">
                          {template.description}
                        </Typography>
                      )}
                    </Flex>
                  </Button>
                </Box>
              ))}
            </Flex>
          </Accordion.Content>
        </Accordion.Item>
      ))}
    </Accordion.Root>
  );
};
