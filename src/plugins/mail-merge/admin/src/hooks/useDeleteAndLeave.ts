import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';

type Options = {
  /** The deletion (a mutation, unwrapped); null while nothing is saved yet. */
  remove: (() => Promise<unknown>) | null;
  /** The notice shown once deleted. */
  done: string;
  /** The recap shown in place of the deleted document. */
  leaveTo: string;
  /** A refused deletion: the confirmation is closed and the reason told. */
  onFailed: (error: unknown) => void;
};

/** « Supprimer » of an edit page: the document deleted, a notice, and back to the recap. */
export const useDeleteAndLeave = ({ remove, done, leaveTo, onFailed }: Options) => {
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const [deleting, setDeleting] = useState(false);

  const deleteAndLeave = async () => {
    if (!remove) return;
    setDeleting(true);
    try {
      await remove();
      toggleNotification({ type: 'success', message: done });
      navigate(leaveTo, { replace: true });
    } catch (e) {
      onFailed(e);
    } finally {
      setDeleting(false);
    }
  };

  return { deleting, remove: deleteAndLeave };
};
