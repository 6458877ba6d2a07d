"""Order e-mails through SendGrid, and the newsletter list through Mailchimp."""
from __future__ import annotations

import asyncio
import logging

import mailchimp_marketing
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail

log = logging.getLogger(__name__)


class Mailer:  # expect: blocking-call
    def __init__(self, api_key: str, sender: str) -> None:
        self.client = SendGridAPIClient(api_key)
        self.sender = sender

    async def order_confirmation(self, to: str, order_id: str) -> None:
        message = Mail(from_email=self.sender, to_emails=to, subject=f"Order {order_id}",
                       html_content=f"<p>Thanks for order {order_id}!</p>")
        self.client.send(message)


class ThreadedMailer:  # expect: clean  # near: blocking-call
    def __init__(self, api_key: str, sender: str) -> None:
        self.client = SendGridAPIClient(api_key)
        self.sender = sender

    async def order_confirmation(self, to: str, order_id: str) -> None:
        message = Mail(from_email=self.sender, to_emails=to, subject=f"Order {order_id}",
                       html_content=f"<p>Thanks for order {order_id}!</p>")
        await asyncio.get_running_loop().run_in_executor(None, self.client.send, message)


async def subscribe(client: mailchimp_marketing.Client, list_id: str, email: str) -> None:  # expect: blocking-call
    client.lists.add_list_member(list_id, {"email_address": email, "status": "subscribed"})


def newsletter_client(api_key: str, server: str) -> mailchimp_marketing.Client:  # expect: clean
    client = mailchimp_marketing.Client()
    client.set_config({"api_key": api_key, "server": server})
    return client
