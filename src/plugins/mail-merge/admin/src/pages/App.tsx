import { Layouts, Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PluginNav } from '../components/common/PluginNav';
import { PERMISSIONS } from '../constants';
import { BatchesRoutes } from './batches/BatchesRoutes';
import { ExtractionsRoutes } from './extractions/ExtractionsRoutes';
import { HomePage } from './HomePage';
import { MessagesPage } from './messages/MessagesPage';
import { NotificationsPage } from './notifications/NotificationsPage';
import { ProfilePage } from './profile/ProfilePage';
import { TemplatesRoutes } from './templates/TemplatesRoutes';

/** « Mails de fusion »: the hub, the extractions and the mail templates, beside the plugin's sub-navigation. */
export const App = () => (
  <Page.Protect permissions={PERMISSIONS.main}>
    <Layouts.Root sideNav={<PluginNav />}>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="extractions/*" element={<ExtractionsRoutes />} />
        <Route path="templates/*" element={<TemplatesRoutes />} />
        <Route path="batches/*" element={<BatchesRoutes />} />
        <Route
          path="messages"
          element={
            <Page.Protect permissions={PERMISSIONS.messagesRead}>
              <MessagesPage />
            </Page.Protect>
          }
        />
        <Route
          path="profile"
          element={
            <Page.Protect permissions={PERMISSIONS.senders}>
              <ProfilePage />
            </Page.Protect>
          }
        />
        <Route path="notifications/:page/:documentId" element={<NotificationsPage />} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  </Page.Protect>
);
