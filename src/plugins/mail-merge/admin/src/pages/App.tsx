import type { ReactElement } from 'react';
import { Layouts, Page, type Permission } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PluginNav } from '../components/common/PluginNav';
import { PERMISSIONS } from '../constants';
import { BatchesRoutes } from './batches/BatchesRoutes';
import { ExtractionsRoutes } from './extractions/ExtractionsRoutes';
import { HomePage } from './HomePage';
import { LayoutsRoutes } from './layouts/LayoutsRoutes';
import { MessagesPage } from './messages/MessagesPage';
import { NotificationsPage } from './notifications/NotificationsPage';
import { ProfilePage } from './profile/ProfilePage';
import { SuppressionsPage } from './bounces/SuppressionsPage';
import { TemplatesRoutes } from './templates/TemplatesRoutes';

/** A screen shown only to the users holding one of `permissions` (Strapi's « no permissions » page otherwise). */
const protect = (permissions: Permission[], screen: ReactElement) => <Page.Protect permissions={permissions}>{screen}</Page.Protect>;

/** « Mails de fusion »: the hub, the extractions and the mail templates, beside the plugin's sub-navigation. */
export const App = () => (
  <Page.Protect permissions={PERMISSIONS.main}>
    <Layouts.Root sideNav={<PluginNav />}>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="extractions/*" element={<ExtractionsRoutes />} />
        <Route path="templates/*" element={<TemplatesRoutes />} />
        <Route path="layouts/*" element={<LayoutsRoutes />} />
        <Route path="batches/*" element={<BatchesRoutes />} />
        <Route path="messages" element={protect(PERMISSIONS.messagesRead, <MessagesPage />)} />
        <Route path="suppressions" element={protect(PERMISSIONS.messagesRead, <SuppressionsPage />)} />
        <Route path="profile" element={protect(PERMISSIONS.senders, <ProfilePage />)} />
        <Route path="notifications/:page/:documentId" element={<NotificationsPage />} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  </Page.Protect>
);
