"""What the linter knows about chat-bot frameworks (python-telegram-bot, aiogram, discord.py, matrix-nio).

Their handlers receive framework objects (`update: Update`, `message: types.Message`, `ctx: commands.Context`)
whose reply and edit methods are coroutine functions: each one is a request to the chat service, so a reply
written without `await` is a coroutine that never runs (the classic "my bot does not answer"). Only the methods
that talk to the service are listed, and the attributes that lead from a handler's argument to the objects that
have them. knowledge.py merges these tables into its own (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

# python-telegram-bot: coroutine functions since version 20 (2022); before, the same methods were plain calls
# from sync handlers, so ON_LOOP_ONLY keeps them from being read as coroutines outside code the loop runs.
_PTB_MESSAGE = (
    "reply_text reply_html reply_markdown reply_markdown_v2 reply_photo reply_document reply_audio reply_video "
    "reply_animation reply_sticker reply_voice reply_video_note reply_location reply_venue reply_contact reply_poll "
    "reply_dice reply_chat_action reply_media_group reply_invoice reply_copy edit_text edit_caption edit_media "
    "edit_reply_markup delete forward copy pin unpin set_reaction"
).split()
_PTB_BOT = (
    "send_message send_photo send_document send_audio send_video send_animation send_sticker send_voice "
    "send_location send_venue send_contact send_poll send_dice send_chat_action send_media_group send_invoice "
    "edit_message_text edit_message_caption edit_message_media edit_message_reply_markup delete_message "
    "forward_message copy_message answer_callback_query answer_inline_query get_me get_updates get_chat "
    "get_chat_member get_file set_webhook delete_webhook pin_chat_message unpin_chat_message ban_chat_member "
    "unban_chat_member set_my_commands"
).split()
_PTB_QUERY = "answer edit_message_text edit_message_caption edit_message_reply_markup delete_message".split()
_PTB_CHAT = "send_message send_photo send_document send_action send_chat_action leave".split()

# aiogram (2 and 3): its Message, CallbackQuery and Bot methods have always been coroutine functions (the Bot's
# file downloads too, which fetch from Telegram's file server).
_AIOGRAM_MESSAGE = (
    "answer reply answer_photo answer_document answer_audio answer_video answer_sticker answer_voice "
    "answer_location answer_poll answer_dice answer_media_group reply_photo reply_document edit_text "
    "edit_caption edit_reply_markup delete forward copy_to send_copy pin unpin react"
).split()
_AIOGRAM_BOT = _PTB_BOT + "download_file download".split()

# discord.py (and its forks under the same import name): coroutine functions since 1.0 (2019).
_DISCORD_SEND = ("send",)
_DISCORD_MESSAGE = "reply edit delete add_reaction remove_reaction clear_reactions pin unpin create_thread".split()
_DISCORD_MEMBER = ("send add_roles remove_roles kick ban unban edit move_to timeout").split()
_DISCORD_RESPONSE = "send_message defer edit_message send_modal".split()
# A client's requests and waits (a bot is a client); `get_*`, `run`, `dispatch`, `event` and `is_*` are plain.
_DISCORD_CLIENTS = ("discord.Client", "discord.ext.commands.Bot")
_DISCORD_CLIENT = (
    "login connect start close change_presence wait_until_ready wait_for fetch_guild fetch_user fetch_channel "
    "fetch_invite delete_invite fetch_widget fetch_webhook fetch_sticker fetch_template fetch_stage_instance "
    "create_dm create_guild application_info"
).split()
_DISCORD_WEBHOOK = "send fetch edit delete fetch_message edit_message delete_message".split()
# discord.py 2.0 (2022) made loading cogs and extensions coroutine functions (`await bot.add_cog(Cog(bot))` in an
# `async def setup(bot)`); before, they were plain calls from a sync `setup`: ON_LOOP_ONLY.
_DISCORD_BOT_LOADING = "add_cog remove_cog load_extension unload_extension reload_extension".split()

# matrix-nio's AsyncClient: each of these is a request to the homeserver (its callbacks' registration,
# `add_event_callback`, and the store's `load_store`/`restore_login` are plain calls).
NIO_CLIENT = "nio.AsyncClient"
_NIO_REQUESTS = (
    "login logout sync sync_forever room_send room_create join room_leave room_forget room_invite room_kick "
    "room_ban room_unban room_messages room_context room_get_state room_get_state_event room_put_state "
    "room_redact room_typing room_read_markers room_resolve_alias joined_members joined_rooms upload download "
    "thumbnail get_profile get_displayname set_displayname get_avatar set_avatar get_presence set_presence whoami "
    "keys_upload keys_query keys_claim to_device share_group_session devices delete_devices update_device close"
).split()

# Telethon: the client's requests and the shortcuts on the messages and events it hands handlers are coroutine
# functions; `telethon.sync` wraps them to run the loop themselves only when no loop runs (inside a running loop
# they still return the coroutine), so they are coroutines where the loop runs the code: ON_LOOP_ONLY.
TELETHON_CLIENT = "telethon.TelegramClient"
_TELETHON_REQUESTS = (
    "send_message send_file forward_messages edit_message delete_messages get_messages get_entity "
    "get_input_entity get_peer_id get_me get_dialogs get_drafts get_participants get_permissions get_stats "
    "download_media download_profile_photo download_file upload_file send_read_acknowledge pin_message "
    "unpin_message kick_participant edit_permissions edit_admin edit_folder delete_dialog send_code_request "
    "sign_in sign_up log_out is_user_authorized catch_up connect disconnect run_until_disconnected"
).split()
_TELETHON_MESSAGE_TYPES = ("telethon.tl.custom.Message", "telethon.events.NewMessage.Event",
                           "telethon.events.MessageEdited.Event")
_TELETHON_MESSAGE = (
    "reply respond edit delete forward_to download_media get_sender get_chat get_input_sender get_input_chat "
    "get_reply_message mark_read pin unpin click"
).split()
_TELETHON_QUERY = "answer respond reply edit delete get_message get_sender get_chat".split()

# Slack Bolt's async app: acknowledging, saying and responding are requests to Slack, made by calling the objects
# it hands its listeners (by parameter name, see HANDLER_ARGUMENTS_BY_NAME).
_BOLT_APP = "slack_bolt.async_app.AsyncApp"
_BOLT_ACK = "slack_bolt.context.ack.async_ack.AsyncAck"
_BOLT_SAY = "slack_bolt.context.say.async_say.AsyncSay"
_BOLT_RESPOND = "slack_bolt.context.respond.async_respond.AsyncRespond"

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({
    *(f"{kind}.__call__" for kind in (_BOLT_ACK, _BOLT_SAY, _BOLT_RESPOND)),
    *(f"telegram.Message.{m}" for m in _PTB_MESSAGE),
    *(f"telegram.Bot.{m}" for m in _PTB_BOT),
    *(f"telegram.CallbackQuery.{m}" for m in _PTB_QUERY),
    *(f"telegram.Chat.{m}" for m in _PTB_CHAT),
    *(f"aiogram.types.Message.{m}" for m in _AIOGRAM_MESSAGE),
    *(f"aiogram.Bot.{m}" for m in _AIOGRAM_BOT),
    "aiogram.types.CallbackQuery.answer",
    *(f"discord.abc.Messageable.{m}" for m in _DISCORD_SEND),
    *(f"discord.TextChannel.{m}" for m in _DISCORD_SEND),
    *(f"discord.ext.commands.Context.{m}" for m in ("send", "reply")),
    *(f"discord.Message.{m}" for m in _DISCORD_MESSAGE),
    *(f"discord.Member.{m}" for m in _DISCORD_MEMBER),
    "discord.User.send",
    *(f"discord.InteractionResponse.{m}" for m in _DISCORD_RESPONSE),
    *(f"discord.Webhook.{m}" for m in _DISCORD_WEBHOOK),
    *(f"{client}.{m}" for client in _DISCORD_CLIENTS for m in _DISCORD_CLIENT),
    *(f"discord.ext.commands.Bot.{m}" for m in _DISCORD_BOT_LOADING),
    *(f"{NIO_CLIENT}.{m}" for m in _NIO_REQUESTS),
    *(f"{TELETHON_CLIENT}.{m}" for m in _TELETHON_REQUESTS),
    *(f"{kind}.{m}" for kind in _TELETHON_MESSAGE_TYPES for m in _TELETHON_MESSAGE),
    *(f"telethon.events.CallbackQuery.Event.{m}" for m in _TELETHON_QUERY),
})

# Methods that were plain calls in an earlier major version still in use: a coroutine only where the loop runs it.
ON_LOOP_ONLY: FrozenSet[str] = frozenset(
    name for name in COROUTINE_FUNCTIONS
    if name.startswith(("telegram.", "telethon.")) or (name.startswith("discord.") and name.rpartition(".")[2] in _DISCORD_BOT_LOADING)
)

# Attributes leading from a handler's argument to the objects above: `<type>.<attribute>` -> its type.
PROPERTIES: Dict[str, str] = {
    **{f"telegram.Update.{a}": "telegram.Message"
       for a in ("message", "effective_message", "edited_message", "channel_post")},
    "telegram.Update.callback_query": "telegram.CallbackQuery",
    "telegram.Update.effective_chat": "telegram.Chat",
    "telegram.CallbackQuery.message": "telegram.Message",
    "telegram.Message.chat": "telegram.Chat",
    "telegram.ext.CallbackContext.bot": "telegram.Bot",
    "aiogram.types.CallbackQuery.message": "aiogram.types.Message",
    "aiogram.types.Message.bot": "aiogram.Bot",
    "discord.Message.channel": "discord.abc.Messageable",
    "discord.Message.author": "discord.Member",
    "discord.ext.commands.Context.channel": "discord.abc.Messageable",
    "discord.ext.commands.Context.author": "discord.Member",
    "discord.ext.commands.Context.message": "discord.Message",
    **{f"{kind}.message": "telethon.tl.custom.Message" for kind in _TELETHON_MESSAGE_TYPES[1:]},
    "discord.Interaction.response": "discord.InteractionResponse",
    "discord.Interaction.followup": "discord.Webhook",
    "discord.Interaction.user": "discord.Member",
    "discord.Interaction.channel": "discord.abc.Messageable",
    **{f"{client}.tree": "discord.app_commands.CommandTree" for client in ("discord.Client", "discord.ext.commands.Bot")},
    # the client's event loop (`bot.loop.create_task(...)`, the pre-2.0 docs' way to start background work)
    **{f"{client}.loop": "asyncio.AbstractEventLoop" for client in ("discord.Client", "discord.ext.commands.Bot")},
    "discord.ext.commands.Context.bot": "discord.ext.commands.Bot",
}

# What discord.py hands the handlers it calls, for handlers written without annotations (its docs' own style):
# a registering decorator -> {handler name: argument types} for events, or {"": argument types} for commands
# (the arguments after `self` in a cog's method).
_EVENTS = {
    "on_message": ("discord.Message",), "on_message_delete": ("discord.Message",),
    "on_message_edit": ("discord.Message", "discord.Message"),
    "on_member_join": ("discord.Member",), "on_member_remove": ("discord.Member",),
    "on_member_update": ("discord.Member", "discord.Member"),
    "on_interaction": ("discord.Interaction",), "on_command_error": ("discord.ext.commands.Context",),
}
_CONTEXT = {"": ("discord.ext.commands.Context",)}
_INTERACTION = {"": ("discord.Interaction",)}
HANDLER_ARGUMENTS: Dict[str, Dict[str, Tuple[str, ...]]] = {
    **{f"{client}.{how}": _EVENTS for client in ("discord.Client", "discord.ext.commands.Bot")
       for how in ("event", "listen")},
    "discord.ext.commands.Cog.listener": _EVENTS,
    **{name: _CONTEXT for name in ("discord.ext.commands.Bot.command", "discord.ext.commands.Bot.hybrid_command",
                                   "discord.ext.commands.command", "discord.ext.commands.hybrid_command",
                                   "discord.ext.commands.Group.command")},
    **{name: _INTERACTION for name in ("discord.app_commands.CommandTree.command", "discord.app_commands.command")},
}

# What a framework's convention hands the unannotated `__init__` of a subclass of its base class: a discord.py cog
# is made by the extension's `setup(bot)` as `MyCog(bot)` (its docs' style), so `self.bot` is the bot.
CONSTRUCTOR_ARGUMENTS: Dict[str, Tuple[str, ...]] = {
    cog: ("discord.ext.commands.Bot",) for cog in ("discord.ext.commands.Cog", "discord.ext.commands.GroupCog")
}

# Frameworks that hand a listener its arguments by parameter name rather than position (Slack Bolt: `async def
# handle(ack, say, command)`): a registering decorator -> {parameter name: type}, for unannotated parameters.
_BOLT_ARGUMENTS = {"ack": _BOLT_ACK, "say": _BOLT_SAY, "respond": _BOLT_RESPOND, "client": "slack_sdk.AsyncWebClient"}
HANDLER_ARGUMENTS_BY_NAME: Dict[str, Dict[str, str]] = {
    f"{_BOLT_APP}.{how}": _BOLT_ARGUMENTS
    for how in "command event message action shortcut view options block_action block_suggestion view_submission "
               "view_closed global_shortcut message_shortcut attachment_action dialog_submission "
               "dialog_suggestion dialog_cancellation function".split()
}

# Where the frameworks define these types, and the aliases handlers are annotated with.
CANONICAL: Dict[str, str] = {
    "slack_bolt.app.async_app.AsyncApp": _BOLT_APP,
    "slack_bolt.async_app.AsyncAck": _BOLT_ACK, "slack_bolt.context.ack.AsyncAck": _BOLT_ACK,
    "slack_bolt.async_app.AsyncSay": _BOLT_SAY, "slack_bolt.context.say.AsyncSay": _BOLT_SAY,
    "slack_bolt.async_app.AsyncRespond": _BOLT_RESPOND, "slack_bolt.context.respond.AsyncRespond": _BOLT_RESPOND,
    "telegram._update.Update": "telegram.Update",
    "telegram._message.Message": "telegram.Message",
    "telegram._bot.Bot": "telegram.Bot",
    "telegram.ext.ExtBot": "telegram.Bot",
    "telegram._callbackquery.CallbackQuery": "telegram.CallbackQuery",
    "telegram._chat.Chat": "telegram.Chat",
    "telegram.ext.ContextTypes.DEFAULT_TYPE": "telegram.ext.CallbackContext",
    "telegram.ext._callbackcontext.CallbackContext": "telegram.ext.CallbackContext",
    "aiogram.types.message.Message": "aiogram.types.Message",
    "aiogram.types.callback_query.CallbackQuery": "aiogram.types.CallbackQuery",
    "aiogram.client.bot.Bot": "aiogram.Bot",
    "discord.message.Message": "discord.Message",
    "discord.member.Member": "discord.Member",
    "discord.user.User": "discord.User",
    "discord.channel.TextChannel": "discord.TextChannel",
    "discord.ext.commands.context.Context": "discord.ext.commands.Context",
    "discord.interactions.Interaction": "discord.Interaction",
    "discord.interactions.InteractionResponse": "discord.InteractionResponse",
    "discord.webhook.async_.Webhook": "discord.Webhook",
    "discord.client.Client": "discord.Client", "discord.AutoShardedClient": "discord.Client",
    "discord.shard.AutoShardedClient": "discord.Client",
    "discord.ext.commands.bot.Bot": "discord.ext.commands.Bot",
    "discord.ext.commands.AutoShardedBot": "discord.ext.commands.Bot",
    "discord.ext.commands.bot.AutoShardedBot": "discord.ext.commands.Bot",
    "nio.client.async_client.AsyncClient": NIO_CLIENT, "nio.client.AsyncClient": NIO_CLIENT,
    **{f"telethon.{where}TelegramClient": TELETHON_CLIENT
       for where in ("sync.", "client.", "client.telegramclient.")},
    "telethon.tl.custom.message.Message": "telethon.tl.custom.Message",
    "telethon.tl.patched.Message": "telethon.tl.custom.Message",
    **{f"telethon.events.{module}.{kind}.Event": f"telethon.events.{kind}.Event"
       for module, kind in (("newmessage", "NewMessage"), ("messageedited", "MessageEdited"),
                            ("callbackquery", "CallbackQuery"))},
}
# What making one of these objects gives.
RETURNS: Dict[str, str] = {NIO_CLIENT: NIO_CLIENT, TELETHON_CLIENT: TELETHON_CLIENT}

# Sync SDKs that call a bot's handlers on threads of their own, never the loop's (a handler that touches a loop
# object from there needs `call_soon_threadsafe`). pyTelegramBotAPI's sync `TeleBot` polls in whichever thread runs
# `infinity_polling()` and hands each update to its worker pool (`threaded=True`, the default); its `AsyncTeleBot`
# twin awaits coroutine handlers on the loop and is not listed. Slack's sync Socket Mode clients (the built-in one
# and the websocket-client one) call their listeners from a thread pool; Bolt's sync `App` runs its listeners on
# the thread that serves the request or its listener runner's pool (`AsyncApp`, on the loop, is not listed).
TELEBOT = "telebot.TeleBot"
_TELEBOT_UPDATES = (
    "message edited_message channel_post edited_channel_post inline chosen_inline callback_query shipping_query "
    "pre_checkout_query poll poll_answer my_chat_member chat_member chat_join_request message_reaction "
    "message_reaction_count chat_boost removed_chat_boost business_connection business_message "
    "edited_business_message deleted_business_messages"
).split()
_TELEBOT_WHERE = "pyTelegramBotAPI's handler threads (a sync `TeleBot`'s worker pool or polling thread)"
SLACK_SOCKET_MODE = "slack_sdk.socket_mode.SocketModeClient"
_SLACK_SOCKET_MODE_WHERE = "the thread pool of Slack's sync Socket Mode client, which calls its listeners"
BOLT_SYNC_APP = "slack_bolt.App"
_BOLT_LISTENERS = ("command event message action shortcut view options block_action block_suggestion view_submission "
                   "view_closed global_shortcut message_shortcut attachment_action dialog_submission "
                   "dialog_suggestion dialog_cancellation function").split()
# Decorators that register a function these SDKs call on their threads: decorator -> where it runs.
THREAD_HANDLER_DECORATORS: Dict[str, str] = {
    **{f"{TELEBOT}.{kind}_handler": _TELEBOT_WHERE for kind in _TELEBOT_UPDATES},
    **{f"{BOLT_SYNC_APP}.{how}": "the thread that runs a sync Slack Bolt `App`'s listeners" for how in _BOLT_LISTENERS},
}
# Calls that register such a function: callable -> (position, keyword) of the callback.
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {
    f"{TELEBOT}.register_{kind}_handler": (0, "callback") for kind in _TELEBOT_UPDATES
}
THREAD_ENTRY_WHERE: Dict[str, str] = {name: _TELEBOT_WHERE for name in THREAD_ENTRY}
# Lists of callbacks on a client object that it calls on its threads (`client.socket_mode_request_listeners
# .append(process)`): type -> (the lists' attribute names, where they run).
THREAD_LISTENER_LISTS: Dict[str, Tuple[Tuple[str, ...], str]] = {
    SLACK_SOCKET_MODE: (("socket_mode_request_listeners", "message_listeners", "on_message_listeners",
                         "on_error_listeners", "on_close_listeners"), _SLACK_SOCKET_MODE_WHERE),
}
# Every other public method of a `TeleBot` is a Bot API request, made on the calling thread (`send_message`,
# `get_me`, `polling` itself); its `AsyncTeleBot` twin has the same methods as coroutine functions. These only
# register handlers and filters, or keep state in the bot.
ASYNC_TELEBOT = "telebot.async_telebot.AsyncTeleBot"
_TELEBOT_LOCAL = frozenset({
    *(f"{kind}_handler" for kind in _TELEBOT_UPDATES), *(f"register_{kind}_handler" for kind in _TELEBOT_UPDATES),
    *("register_next_step_handler register_next_step_handler_by_chat_id clear_step_handler "
      "clear_step_handler_by_chat_id register_for_reply register_for_reply_by_message_id clear_reply_handlers "
      "clear_reply_handlers_by_message_id enable_save_next_step_handlers disable_save_next_step_handlers "
      "enable_save_reply_handlers disable_save_reply_handlers load_next_step_handlers load_reply_handlers "
      "add_custom_filter middleware_handler add_middleware_handler register_middleware_handler setup_middleware "
      "set_update_listener add_data get_state set_state delete_state reset_data retrieve_data stop_polling "
      "stop_bot").split(),
})
# discord.py's `SyncWebhook` is its webhook client for code with no loop: each request goes out through
# `requests` on the calling thread (`Webhook` is the async twin); making one from a URL sends nothing.
SYNC_WEBHOOK = "discord.SyncWebhook"
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    TELEBOT: ("ACK102", _TELEBOT_LOCAL),
    SYNC_WEBHOOK: ("ACK102", frozenset({"from_url", "partial", "is_partial", "is_authenticated"})),
}
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {ASYNC_TELEBOT: _TELEBOT_LOCAL}
RETURNS.update({TELEBOT: TELEBOT, ASYNC_TELEBOT: ASYNC_TELEBOT})
CANONICAL.update({
    "telebot.sync_telebot.TeleBot": TELEBOT,
    **{f"slack_sdk.socket_mode.{where}.SocketModeClient": SLACK_SOCKET_MODE
       for where in ("builtin", "builtin.client", "websocket_client")},
    "slack_bolt.app.App": BOLT_SYNC_APP, "slack_bolt.app.app.App": BOLT_SYNC_APP,
    "discord.webhook.sync.SyncWebhook": SYNC_WEBHOOK,
})
RETURNS.update({f"{kind}.{m}": kind for kind in (SYNC_WEBHOOK, "discord.Webhook") for m in ("from_url", "partial")})
RETURNS.update({TELEBOT: TELEBOT, SLACK_SOCKET_MODE: SLACK_SOCKET_MODE, BOLT_SYNC_APP: BOLT_SYNC_APP})
