/**
 * Draftail entities for inline evidence: "Source" and "Organisation".
 *
 * Built on Wagtail's globals (no build step). The snippet chooser modal returns
 * {id, string, edit_url}; we store id only (the converter writes <a linktype id>).
 * ModalWorkflowSource.onChosen is overridden because Wagtail's version only knows
 * its own entity types (mutability would be undefined) and labels by title/url.
 */
(function () {
  'use strict';

  if (!window.draftail || window.draftail.__evidenceEntitiesRegistered) {
    return;
  }
  window.draftail.__evidenceEntitiesRegistered = true;

  const { ModalWorkflowSource, TooltipEntity, registerPlugin } = window.draftail;
  const { RichUtils, Modifier, EditorState } = window.DraftJS;

  class EvidenceSource extends ModalWorkflowSource {
    getChooserConfig() {
      const { entityType } = this.props;
      return {
        url: entityType.chooserUrls.chooser,
        urlParams: {},
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: String(data.id), string: data.string, edit_url: data.edit_url };
    }

    onChosen(data) {
      const { editorState, entityType, onComplete } = this.props;
      const content = editorState.getCurrentContent();
      const selection = editorState.getSelection();
      const entityData = this.filterEntityData(data);
      const contentWithEntity = content.createEntity(entityType.type, 'MUTABLE', entityData);
      const entityKey = contentWithEntity.getLastCreatedEntityKey();
      let nextState;
      if (selection.isCollapsed()) {
        const newContent = Modifier.insertText(
          contentWithEntity, selection, entityData.string, null, entityKey,
        );
        nextState = EditorState.push(editorState, newContent, 'insert-characters');
      } else {
        nextState = RichUtils.toggleLink(
          EditorState.set(editorState, { currentContent: contentWithEntity }),
          selection,
          entityKey,
        );
      }
      this.workflow.close();
      onComplete(nextState);
    }
  }

  // The tooltip shows the snippet's name and links to its edit view.
  const makeDecorator = (icon) => (props) => {
    const { entityKey, contentState, children, onEdit, onRemove } = props;
    const data = contentState.getEntity(entityKey).getData();
    return window.React.createElement(TooltipEntity, {
      entityKey,
      children,
      onEdit,
      onRemove,
      icon,
      label: data.string || '',
      url: data.edit_url || '',
    });
  };

  registerPlugin(
    { type: 'SOURCE', source: EvidenceSource, decorator: makeDecorator('#icon-openquote') },
    'entityTypes',
  );
  registerPlugin(
    { type: 'ORGANISATION', source: EvidenceSource, decorator: makeDecorator('#icon-group') },
    'entityTypes',
  );
})();
