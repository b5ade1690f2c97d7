/**
 * A chooser for several snippets at once (evidence/widgets.py): opens Wagtail's snippet
 * chooser modal in its multiple mode and keeps the chosen ids as hidden inputs.
 * Delegated listeners, so it also works for forms rendered after this script ran.
 */
(function () {
  'use strict';

  if (window.__evidenceMultipleChooser) {
    return;
  }
  window.__evidenceMultipleChooser = true;

  function updateEmpty(chooser) {
    const empty = chooser.querySelector('[data-empty]');
    empty.hidden = chooser.querySelectorAll('[data-chosen-list] li').length > 0;
  }

  function addItem(chooser, item) {
    const list = chooser.querySelector('[data-chosen-list]');
    if (list.querySelector(`li[data-id="${CSS.escape(String(item.id))}"]`)) {
      return;
    }
    const li = document.createElement('li');
    li.className = 'evidence-multiple-chooser__item';
    li.dataset.id = item.id;
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = chooser.dataset.name;
    input.value = item.id;
    const label = document.createElement('span');
    label.className = 'evidence-multiple-chooser__label';
    label.textContent = item.string;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button button-small button-secondary';
    remove.dataset.remove = '';
    remove.setAttribute('aria-label', `Remove ${item.string}`);
    remove.textContent = 'Remove';
    li.append(input, ' ', label, ' ', remove);
    list.append(li);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  document.addEventListener('click', (event) => {
    const chooser = event.target.closest('[data-evidence-multiple-chooser]');
    if (!chooser) {
      return;
    }
    const removeButton = event.target.closest('[data-remove]');
    if (removeButton) {
      const form = chooser.closest('form');
      removeButton.closest('li').remove();
      updateEmpty(chooser);
      if (form) {
        form.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return;
    }
    if (event.target.closest('[data-add]')) {
      // eslint-disable-next-line no-undef
      ModalWorkflow({
        url: chooser.dataset.chooserUrl,
        urlParams: { multiple: 1 },
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: {
          chosen(result) {
            (Array.isArray(result) ? result : [result]).forEach((item) => addItem(chooser, item));
            updateEmpty(chooser);
          },
        },
      });
    }
  });
})();
