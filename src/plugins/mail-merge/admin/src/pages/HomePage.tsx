import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PagesTable } from '../components/PagesTable';
import { usePages } from '../services/pages';
import { getTranslation } from '../utils/getTranslation';

/** Landing page of « Mails de fusion »: the pages of the mutual from which mail can be sent. */
export const HomePage = () => {
  const { formatMessage } = useIntl();
  const { pages, isLoading, error } = usePages();
  const title = formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Mails de fusion' });

  if (isLoading) return <Page.Loading />;
  if (error) return <Page.Error />;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({
          id: getTranslation('home.subtitle'),
          defaultMessage: 'Pages à partir desquelles les gestionnaires peuvent envoyer des mails',
        })}
      />
      <Layouts.Content>
        <PagesTable pages={pages} />
      </Layouts.Content>
    </Page.Main>
  );
};
