import { useState } from 'react';

/**
 * The data of a query (its `currentData`) once read since the screen opened: a form is not filled
 * from a copy that RTK Query kept from an earlier visit (the query asks again on mounting with
 * `refetchOnMountOrArgChange`). Later reads (a tag invalidated by a save) are fresh too.
 */
export const useFreshData = <T>({ currentData, fulfilledTimeStamp }: { currentData?: T; fulfilledTimeStamp?: number }) => {
  const [openedAt] = useState(Date.now);
  return currentData !== undefined && (fulfilledTimeStamp ?? 0) >= openedAt ? currentData : undefined;
};
